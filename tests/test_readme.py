"""README.md stays true to the code: every setting with its default, and the test command CI runs."""
from pathlib import Path

from ingest.settings import describe

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_with_its_default():
    for variable, default, help_text in describe():
        assert f"| `{variable}` | `{default}` | {help_text} |" in README, variable


def test_ci_reads_a_test_command_from_the_readme():
    marker = README.index("<!-- ci:test-command -->")
    block = README[marker:].split("```")[1]
    assert "pip install -e '.[test]'" in block and "pytest" in block
