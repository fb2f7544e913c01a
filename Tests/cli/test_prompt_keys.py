"""Keys pressed the moment the prompt appears are keys, not terminal line-discipline input.

libedit prints its prompt while the terminal is still in cooked mode and switches to raw
mode only when it reads the first key. A Ctrl-D that arrives in between is turned by the
kernel's line discipline into an empty end-of-file mark, which reaches libedit later as a
NUL byte: the advisor's Ctrl-D does nothing. (Seen once in CI under strace.) Here strace
widens that moment on purpose, by delaying every terminal ioctl (tcgetattr, tcsetattr) by
0.3 s: a Ctrl-D sent as soon as the prompt shows must still end the session."""

import shutil

import pexpect
import pytest
from support import terminal_env

STRACE = shutil.which("strace")
EX_OK = 0


@pytest.mark.skipif(STRACE is None, reason="strace is not installed")
@pytest.mark.parametrize("colour", [True, False], ids=["colour", "NO_COLOR"])
def test_ctrl_d_sent_as_the_prompt_appears_ends_the_session(gesprek_bin, tmp_path, colour):
    (tmp_path / "home").mkdir(exist_ok=True)
    transcript = tmp_path / "t.jsonl"
    env = terminal_env(tmp_path, colour)
    # Delay the terminal ioctls only (TCGETS/TCSETS*), nothing else: the window between the
    # prompt and the switch to raw mode becomes 0.3 s wide instead of microseconds.
    command = [STRACE, "-o", "/dev/null", "-e", "trace=ioctl", "-e", "inject=ioctl:delay_enter=300000",
               str(gesprek_bin), "--lang", "nl", "--case", "OKT-1", "-o", str(transcript)]
    child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=30, dimensions=(40, 160))
    child.expect_exact("› ")
    child.send("ask #v Hoe gaat het?\r")
    child.expect_exact("✓")
    child.expect_exact("› ")
    child.sendeof()
    # One Ctrl-D only: if it is lost, the session waits for ever (here: 10 s).
    found = child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=10)
    if found == 1:
        child.terminate(force=True)
    assert found == 0, "Ctrl-D sent as the prompt appeared was not read as a key"
    child.close()
    assert child.exitstatus == EX_OK
    assert '"ask"' in transcript.read_text(encoding="utf-8")
