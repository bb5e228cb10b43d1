#!/usr/bin/python3
"""The web explorer in a real browser (headless Chromium driven by Selenium,
Debian's chromium, chromium-driver and python3-selenium): loads the page of
a running 'newsgraph serve', searches entities (as typed, and in a
Ukrainian case form), opens an ego network, an edge's evidence and an
article, checks the DOM (nodes drawn, hostile names shown as text, no
script run, no console error) and saves screenshots.

usage: serve_browser.py URL SCREENSHOT_DIR   (run by tests/cli/serve_browser.sh)
"""
import os, sys, time
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

base, shots = sys.argv[1].rstrip('/'), sys.argv[2]
os.makedirs(shots, exist_ok=True)
EVIL = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'); DROP TABLE entities;--"]
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


opts = webdriver.ChromeOptions()
for a in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1360,1000',
          '--no-first-run', '--disable-extensions', '--lang=en-US'):
    opts.add_argument(a)
opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
drv = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=opts)
drv.set_page_load_timeout(30)
wait = WebDriverWait(drv, 20)


def no_alert(where):
    try:
        a = drv.switch_to.alert
        check(False, 'no alert dialog (%s): got %r' % (where, a.text))
        a.dismiss()
    except NoAlertPresentException:
        check(True, 'no alert dialog (%s)' % where)


def no_injection(where):
    # nothing from the data became markup: no <img>, no script but app.js
    imgs = drv.execute_script("return document.querySelectorAll('img').length")
    scripts = drv.execute_script("return [...document.scripts].map(s => s.getAttribute('src') || 'inline')")
    check(imgs == 0, '%s: no <img> element in the page (%d)' % (where, imgs))
    check(scripts == ['/static/app.js'], '%s: the only script is /static/app.js (%s)' % (where, scripts))
    no_alert(where)


def text_of(css):
    return drv.execute_script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null", css)


try:
    # 1. home, then search by typing: suggestions show the hostile names as text
    drv.get(base + '/')
    wait.until(lambda d: 'articles' in (text_of('main') or ''))
    q = drv.find_element(By.ID, 'q')
    q.send_keys('Scripto')
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#suggest li a'))
    sug = [e.get_attribute('textContent') for e in drv.find_elements(By.CSS_SELECTOR, '#suggest li a')]
    check(any(EVIL[0] in s for s in sug), 'suggestion shows %r as text: %s' % (EVIL[0], sug))
    no_injection('suggestions')
    drv.find_element(By.CSS_SELECTOR, '#suggest li a').click()
    wait.until(lambda d: d.current_url.endswith('/entity/evil-script'))
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#ego svg g.node')) >= 3)
    check(text_of('#entity-name').startswith(EVIL[0]), 'entity heading is the name as text: %r' % text_of('#entity-name'))
    labels = drv.execute_script("return [...document.querySelectorAll('#ego svg g.node text')].map(t => t.textContent)")
    for name in EVIL:
        check(name in labels, 'ego network labels a node %r as text' % name)
    cells = drv.execute_script("return [...document.querySelectorAll('#neighbours tbody td:first-child')].map(t => t.textContent)")
    check(EVIL[1] in cells and EVIL[2] in cells, 'neighbour table shows the names as text: %s' % cells)
    no_injection('entity page')
    # 2. an edge of the ego network: its evidence
    edge = drv.find_element(By.CSS_SELECTOR, '#ego svg line.edge-hit[data-a="evil-script"][data-b="evil-img"], '
                                             '#ego svg line.edge-hit[data-a="evil-img"][data-b="evil-script"]')
    drv.execute_script("arguments[0].scrollIntoView({block: 'center'})", edge)
    edge.click()
    wait.until(lambda d: '/evidence/' in d.current_url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#evidence li'))
    h1 = text_of('main h1')
    check(EVIL[0] in h1 and EVIL[1] in h1, 'evidence heading names both as text: %r' % h1)
    marks = drv.execute_script("return [...document.querySelectorAll('#evidence mark')].map(m => m.textContent)")
    check('Scripto Alertov' in marks and 'Imogen Errorova' in marks, 'both surfaces highlighted: %s' % marks[:6])
    no_injection('evidence')
    # 3. the article of the first evidence: entities highlighted, markup in the text shown as text
    drv.find_element(By.CSS_SELECTOR, '#evidence li a').click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#article-text a.ent'))
    ents = drv.execute_script("return [...document.querySelectorAll('#article-text a.ent')].map(a => [a.textContent, a.getAttribute('href')])")
    check(['Scripto Alertov', '/entity/evil-script'] in ents, 'article links Scripto Alertov to its page: %s' % ents[:4])
    if 'serve-1' in drv.current_url:
        check('<img src=x onerror=alert(2)>' in text_of('#article-text'), 'markup inside the article text is shown as text')
    no_injection('article')
    # 4. a Ukrainian case form typed and Enter: the entity page, depth 2 ego network
    q = drv.find_element(By.ID, 'q')
    q.clear()
    q.send_keys('Столтенберга' + Keys.ENTER)
    wait.until(lambda d: '/entity/jens-stoltenberg' in d.current_url)
    drv.get(base + '/entity/jens-stoltenberg?depth=2&top=40')
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#ego svg g.node')) >= 10)
    n = len(drv.find_elements(By.CSS_SELECTOR, '#ego svg g.node'))
    check(n >= 10, 'depth-2 ego network of Jens Stoltenberg drawn (%d nodes)' % n)
    drv.find_element(By.CSS_SELECTOR, '#ego svg g.node[data-id="nato"]').click()
    wait.until(lambda d: d.current_url.endswith('/entity/nato'))
    check(True, 'clicking a node opens its entity page')
    drv.get(base + '/entity/jens-stoltenberg?depth=2&top=40')
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#ego svg g.node')) >= 10)
    time.sleep(0.3)
    drv.save_screenshot(os.path.join(shots, 'entity.png'))
    # 5. an article view with many entities (the Ukrainian sample)
    drv.get(base + '/article/uk-vilnius-summit')
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#article-text a.ent')) >= 5)
    drv.save_screenshot(os.path.join(shots, 'article.png'))
    # 6. the hostile entity page, for the record
    drv.get(base + '/entity/evil-img')
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#ego svg g.node')) >= 3)
    no_injection('hostile entity page')
    drv.save_screenshot(os.path.join(shots, 'hostile.png'))
    # 7. an unknown entity: the error box with suggestions
    drv.get(base + '/entity/Stoltenburg')
    wait.until(lambda d: d.find_elements(By.ID, 'error'))
    check('404' in text_of('#error') and 'Jens Stoltenberg' in text_of('#error'), 'unknown entity: 404 and a suggestion')
    # no script error, no content-security-policy violation
    logs = [l for l in drv.get_log('browser') if l['level'] == 'SEVERE' and '404' not in l['message']]
    check(not logs, 'no error in the browser console: %s' % logs[:3])
except TimeoutException as e:
    check(False, 'timed out at %s: %s' % (drv.current_url, (text_of('main') or '')[:300]))
    drv.save_screenshot(os.path.join(shots, 'failure.png'))
finally:
    drv.quit()
print('%s: %s' % (os.path.basename(sys.argv[0]), 'FAILED' if failures else 'ok'))
sys.exit(1 if failures else 0)
