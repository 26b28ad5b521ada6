"""``base.per_stage``: values shared by the corpus rules of one ``run_corpus_rules`` run."""

from docmine.model import Document
from docmine.rules.base import corpus_stage, per_stage
from docmine.rules.corpus import corpus_key, ordered_documents


def _docs():
    return [Document(path=p, format="txt", text=t) for p, t in (("b.txt", "twee"), ("a.txt", "een"), ("c.txt", " \n"))]


def test_per_stage_once_per_stage_and_document_list():
    docs = _docs()
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert per_stage("x", docs, compute) == 1  # outside a stage: every time
    assert per_stage("x", docs, compute) == 2
    with corpus_stage():
        assert per_stage("x", docs, compute) == 3
        assert per_stage("x", list(docs), compute) == 3  # another list of the same documents
        assert per_stage("x", docs[:2], compute) == 4
        with corpus_stage():  # nested: the same stage
            assert per_stage("x", docs, compute) == 3
    assert per_stage("x", docs, compute) == 5


def test_ordered_documents_and_key_as_before():
    docs = _docs()
    expected = sorted((d for d in docs if d.text.strip()), key=lambda d: d.path)
    assert ordered_documents(docs) == expected
    with corpus_stage():
        assert ordered_documents(docs) is ordered_documents(list(docs))
        assert [d.path for d in ordered_documents(docs)] == ["a.txt", "b.txt"]
    assert corpus_key(expected) == corpus_key(ordered_documents(docs))
