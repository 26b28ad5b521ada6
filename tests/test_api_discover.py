"""discover(): the per-folder fast path (relative path from the folder's, one lstat) gives the
same files, relative paths and refusals as the per-file pathlib way, through symlinked folders
and relative arguments too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docmine.api import _suffix, discover


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    t = tmp_path / "tree"
    for d in ("a/b", "c", ".hid", "rep"):
        (t / d).mkdir(parents=True)
    for f in ("a/x.txt", "a/b/Y.TXT", "a/e.pdf", "a/README.md", "a/b/noext", "a/b/q.", "a/~$t.txt",
              "c/z.md", "rep/r.txt", "rep/.docmine-report", ".hid/h.txt"):
        (t / f).write_text("x", encoding="utf-8")
    os.symlink("../a/x.txt", t / "c/link.txt")  # inside, already seen through a/
    os.symlink("../a/e.pdf", t / "c/e2.pdf")  # inside: kept once (a/e.pdf)
    os.symlink("nowhere", t / "c/broken.txt")
    os.symlink("self.txt", t / "c/self.txt")
    os.symlink("../a", t / "c/dirlink")
    os.symlink(t / "a", tmp_path / "alink")
    return t


def _rels(result):
    files, errors, root, _skipped = result
    return [rel for _, rel in files], [(e.document, e.code) for e in errors], root


def test_walked_tree(tree: Path):
    rels, errors, root = _rels(discover([tree]))
    assert root == tree.resolve()
    assert rels == ["a/b/Y.TXT", "a/e.pdf", "a/x.txt", "c/z.md"]
    assert sorted(errors) == [("c/broken.txt", "DM104"), ("c/dirlink", "DM104"), ("c/self.txt", "DM104")]
    files = discover([tree])[0]
    assert files[0][0] == tree / "a/b/Y.TXT"


def test_excluded_and_relative(tree: Path, monkeypatch):
    monkeypatch.chdir(tree.parent)
    files, _, root, _ = discover(["tree/a", "tree/c"], exclude=[tree / "a/b"])
    assert root == tree.resolve()
    assert [(str(f), rel) for f, rel in files] == [("tree/a/e.pdf", "a/e.pdf"), ("tree/a/x.txt", "a/x.txt"),
                                                    ("tree/c/z.md", "c/z.md")]


def test_through_a_symlinked_folder(tree: Path, monkeypatch):
    monkeypatch.chdir(tree.parent)
    # root is the real folder; files found under the link keep their relative path
    rels, errors, root = _rels(discover(["alink", "tree/c"]))
    assert root == tree.resolve()
    assert rels == ["a/b/Y.TXT", "a/e.pdf", "a/x.txt", "c/z.md"]
    rels, _, root = _rels(discover([tree.parent / "alink"]))
    assert root == (tree / "a").resolve() and rels == ["b/Y.TXT", "e.pdf", "x.txt"]


def test_suffix_is_path_suffix():
    for name in ["a.txt", "a.", "a..txt", "a.tar.gz", "noext", "x.TXT", "a b.md", ".", "..", "a.b.", "é.pdf"]:
        assert _suffix(name) == Path(name).suffix, name


def test_a_link_loop_in_a_folder_given_through_a_link_is_refused_not_a_crash(tmp_path: Path):
    """Audited through a symlinked path, links in a loop and a link to a folder are refused by
    the name they have there (resolving them raised RuntimeError: an internal error, DM120)."""
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "doc.txt").write_text("tekst", encoding="utf-8")
    os.symlink("b.txt", real / "a.txt")
    os.symlink("a.txt", real / "b.txt")
    os.symlink("../sub", real / "sub" / "back")
    os.symlink(real, tmp_path / "link")
    for given in (real, tmp_path / "link"):
        rels, errors, root = _rels(discover([given]))
        assert root == real.resolve()
        assert rels == ["doc.txt"]
        assert errors == [("a.txt", "DM104"), ("b.txt", "DM104"), ("sub/back", "DM104")]
