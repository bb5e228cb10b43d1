"""Installs the Python module newsgraph with the library and the shipped
data built from this source tree (offline, with Debian's python3 and
setuptools):

    python3 -m pip install --no-build-isolation tools/python

The build runs 'make lib' in the source tree (NEWSGRAPH_SRC, default the
tree this file is in) with BUILD=NEWSGRAPH_BUILD (default SRC/build) and
copies libnewsgraph.so.0, shipped.ngd, names.ngn and the given-name lists into the
package (tools/python/stage.sh), so the installed module needs nothing else.
"""
import os
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


def source_tree():
    src = os.path.abspath(os.environ.get("NEWSGRAPH_SRC") or os.path.join(HERE, "..", ".."))
    if not os.path.isfile(os.path.join(src, "tagger", "tagger.h")):
        raise SystemExit("newsgraph: %s is not the newsgraph source tree (set NEWSGRAPH_SRC)" % src)
    return src


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        src = source_tree()
        build = os.path.abspath(os.environ.get("NEWSGRAPH_BUILD") or os.path.join(src, "build"))
        subprocess.check_call(["make", "-C", src, "--no-print-directory", "BUILD=" + build, "lib",
                               os.path.join(build, "shipped.ngd"), os.path.join(build, "names.ngn")])
        # (the C helper and the byte code for the Python that installs)
        subprocess.check_call(["sh", os.path.join(src, "tools", "python", "stage.sh"), build, self.build_lib],
                              env=dict(os.environ, PYTHON=sys.executable))


def version():
    with open(os.path.join(source_tree(), "tagger", "version.h")) as f:
        n = {w[1]: w[2] for w in (l.split() for l in f) if len(w) == 3 and w[1].startswith("NG_VERSION_")}
    return "%s.%s.%s" % (n["NG_VERSION_MAJOR"], n["NG_VERSION_MINOR"], n["NG_VERSION_PATCH"])


setup(
    name="newsgraph",
    version=version(),
    description="Dictionary-driven named-entity tagging and co-occurrence graphs (ctypes over libnewsgraph)",
    packages=["newsgraph"],
    python_requires=">=3.7",
    cmdclass={"build_py": BuildWithLibrary},
    zip_safe=False,
)
