"""The READMEs' ```python examples run as written (```py blocks are illustrations)."""

import os
import re
import unittest

DOCS = os.environ.get("AVRO_DOCS")


def python_blocks(relative):
    with open(os.path.join(DOCS, relative), encoding="utf-8") as f:
        return re.findall(r"^```python\n(.*?)^```$", f.read(), re.MULTILINE | re.DOTALL)


class ReadmeExamplesTest(unittest.TestCase):
    def setUp(self):
        if not DOCS:
            raise unittest.SkipTest("AVRO_DOCS is not set; run through tests/js/pyodide.test.cjs")

    def test_examples_run(self):
        for relative, at_least in (("README.md", 1), ("pyodide/README.md", 1)):
            blocks = python_blocks(relative)
            self.assertGreaterEqual(len(blocks), at_least, relative)
            for index, block in enumerate(blocks):
                with self.subTest(readme=relative, block=index):
                    exec(compile(block, f"{relative} example {index}", "exec"), {"__name__": "__readme__"})


if __name__ == "__main__":
    unittest.main()
