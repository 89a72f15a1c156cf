"""The code passes bandit's security checks at medium severity and above."""
import json
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_bandit_finds_nothing_of_medium_severity_or_above_in_the_code():
    scan = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", "coalition", "--severity-level", "medium", "--format", "json", "--quiet"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    report = json.loads(scan.stdout)
    findings = [f"{issue['filename']}:{issue['line_number']} {issue['test_id']} {issue['issue_text']}"
                for issue in report["results"]]
    assert report["errors"] == []
    assert findings == []
    assert scan.returncode == 0, scan.stderr
