"""What a new user tries first: `-` for stdin and stdout, help that answers, completion."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE_YAML, SEED_TEXT

from bcpipe import __version__
from bcpipe.cli import build_parser, main
from bcpipe.completion import completion_script


class Terminal(io.StringIO):
    """A stdout that says it is a terminal, with a byte buffer behind it."""

    def __init__(self) -> None:
        super().__init__()
        self.buffer = io.BytesIO()

    def isatty(self) -> bool:
        return True


def run(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err, inp=io.BytesIO(stdin))
    return code, out.getvalue(), err.getvalue()


def test_validate_reads_standard_input_with_from() -> None:
    code, out, err = run("validate", "-", "--from", "yaml", stdin=SAMPLE_YAML.read_bytes())
    assert code == 0, err
    assert out.startswith("<stdin>: draft, 0 error(s), 1 warning(s), 0 info\n")
    assert "warning BC305 recipients[4].holders (line 296)" in out


def test_standard_input_without_from_says_what_to_add() -> None:
    code, out, err = run("validate", "-", stdin=SAMPLE_YAML.read_bytes())
    assert code == 2 and out == ""
    assert err.startswith("bcpipe: - (standard input) needs --from KIND")
    assert "file not found" not in err


def test_a_bad_document_on_standard_input_is_named_stdin() -> None:
    code, _, err = run("validate", "-", "--from", "json", stdin=b'{"subjct": 1}')
    assert code == 2
    assert err.startswith("<stdin>: not a valid document")


def test_export_from_standard_input_to_standard_output() -> None:
    code, out, err = run(
        "export", "-", "--from", "text", "--to", "json", "-o", "-", stdin=SEED_TEXT.read_bytes()
    )
    assert code == 0, err
    assert '"subject": "Kết quả hoạt động thông tin đối ngoại năm 2022"' in out


def test_a_pdf_is_not_written_to_a_terminal() -> None:
    terminal, err = Terminal(), io.StringIO()
    code = main(["export", str(SAMPLE_YAML), "--to", "pdf"], out=terminal, err=err)
    assert code == 2
    assert terminal.buffer.getvalue() == b"" and terminal.getvalue() == ""
    assert "binary and standard output is a terminal: give -o FILE" in err.getvalue()


def test_a_pdf_goes_to_a_pipe() -> None:
    ran = subprocess.run(
        [sys.executable, "-m", "bcpipe", "export", str(SAMPLE_YAML), "--to", "pdf"],
        capture_output=True, check=False, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith(b"%PDF-")


def test_text_still_goes_to_a_terminal() -> None:
    terminal, err = Terminal(), io.StringIO()
    assert main(["export", str(SAMPLE_YAML), "--to", "text"], out=terminal, err=err) == 0
    assert "KT. CHỦ TỊCH" in terminal.buffer.getvalue().decode()


def test_short_version_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["-V"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"bcpipe {__version__}\n"


def help_of(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    return capsys.readouterr().out


def test_export_help_lists_the_formats(capsys: pytest.CaptureFixture[str]) -> None:
    shown = help_of("export", capsys)
    for fmt in ("text", "json", "xml", "edxml", "pdf"):
        assert f"\n  {fmt} " in shown


def test_validate_help_gives_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    shown = help_of("validate", capsys)
    assert "exit codes:\n  0  every document read, no error finding" in shown
    assert "\n  1  some document has an error finding" in shown
    assert "\n  2  a file could not be read" in shown


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("bcpipe val", {"validate"}),
        ("bcpipe validate --la", {"--lang"}),
        ("bcpipe validate --lang ", {"vi", "en"}),
        ("bcpipe batch --executor s", {"serial"}),
        ("bcpipe completion ", {"bash", "zsh", "fish"}),
    ],
)
def test_bash_completion(words: str, expected: set[str]) -> None:
    script = completion_script(build_parser(), "bash")
    empty_last = '""' if words.endswith(" ") else ""  # completing a new, empty word
    probe = (
        f"{script}\nCOMP_WORDS=({words} {empty_last})\n"
        "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
        '_bcpipe\nprintf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    ran = subprocess.run(
        ["bash", "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT, timeout=30
    )
    assert set(ran.stdout.split()) == expected


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells_get_a_script(shell: str) -> None:
    code, out, _ = run("completion", shell)
    assert code == 0 and "validate" in out and ("--lang" in out or "-l lang" in out)
    if shutil.which(shell):  # a syntax check where the shell is installed
        flag = ["-n"] if shell == "zsh" else ["--no-execute"]
        subprocess.run([shell, *flag], input=out, text=True, check=True, timeout=30)
