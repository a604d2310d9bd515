"""Say what is wrong with YAML that does not parse, in words a Humas editor understands.

PyYAML reports where its parser gave up, in English ("mapping values are not allowed here"),
often a line or more after the mistake: an unclosed quote is reported at the end of the file.
``explain`` looks at the raw text and at the tokens read before the error to name the line where
the mistake is (where the quote or bracket opens) and the cure. It runs only when YAML failed.
Errors always come from the pure-Python parser (frontmatter.compose retries with it), so the
problem texts matched here are that parser's.
"""

from __future__ import annotations

import yaml

from .yaml_checks import CURLY_HELP, CURLY_QUOTES, Diagnosis, Source, check_invisible, quoted

_QUOTE_IT = "bungkus seluruh nilai dengan tanda kutip ganda"
_STARTERS = {
    "@": "karakter @",
    "`": "tanda petik terbalik `",
    "%": "tanda persen %",
    "*": "tanda bintang *",
    "&": "tanda &",
    "!": "tanda seru !",
    "|": "garis tegak |",
    ">": "tanda >",
    "?": "tanda tanya ?",
    "-": "tanda hubung -",
}


def explain(exc: yaml.MarkedYAMLError, text: str, offset: int, top_level: bool) -> Diagnosis:
    """The editor's message for a YAML error in ``text`` (whose first line is file line ``offset``)."""
    src = Source(text, offset, top_level)
    problem = exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return src.at(0, "YAML tidak valid; periksa tanda kutip, titik dua dan indentasinya")
    tokens = _tokens_before(text, mark.index)
    for explainer in _EXPLAINERS:
        try:
            found = explainer(src, exc, problem, mark, tokens)
        except IndexError:  # text too odd for this explainer: the next one, or the fallback, says it
            continue
        if found:
            return found
    return _fallback(src, mark)


def _tokens_before(text: str, index: int) -> list:
    """The tokens YAML read before position ``index`` (the scanner stops at its own error)."""
    out = []
    try:
        for token in yaml.scan(text, Loader=yaml.BaseLoader):
            if token.start_mark.index >= index:
                break
            out.append(token)
    except yaml.YAMLError:
        pass
    return out


def _invisible(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    return check_invisible(src)


def _tab(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    line = src.line(mark.line)
    if "\\t" not in problem and "tab" not in problem and "\t" not in line[: len(line) - len(line.lstrip())]:
        return None
    column = line.find("\t") + 1
    where = "di awal baris (indentasi)" if not line[: column - 1].strip() else f"di karakter ke-{column}"
    return src.at(
        mark.line,
        f"ada karakter tab {where}; YAML hanya menerima spasi: ganti tab dengan spasi "
        "(setiap tingkat menjorok 2 spasi)",
    )


def _unclosed_quote(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    """A quote that never closes, or closes only on a later line: name the line where it opens."""
    if "quoted scalar" in (exc.context or "") and "end of stream" in problem:
        start = exc.context_mark
        return _opened_here(src, start.line, start.column)
    last = tokens[-1] if tokens else None
    if isinstance(last, yaml.ScalarToken) and last.style in ('"', "'") and last.start_mark.line < mark.line:
        return _opened_here(src, last.start_mark.line, last.start_mark.column)
    return None


def _opened_here(src: Source, line: int, column: int) -> Diagnosis:
    quote = src.line(line)[column]
    name = "ganda" if quote == '"' else "tunggal"
    return src.at(
        line,
        f"tanda kutip {name} {quote} di karakter ke-{column + 1} dibuka tetapi tidak ditutup di baris ini; "
        f"tambahkan {quote} di akhir nilainya",
    )


def _after_quote(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    """Text after a closing quote, e.g. ``'Jum'at Bersih'`` or ``"Halo" lagi``."""
    last = tokens[-1] if tokens else None
    if not (isinstance(last, yaml.ScalarToken) and last.style in ('"', "'") and last.end_mark.line == mark.line):
        return None
    line = src.line(mark.line)
    value = line[last.start_mark.column :].split(" #")[0].strip()
    key = _key_before(tokens)
    if last.style == "'":
        why = "tanda kutip tunggal ' sudah menutup nilai sebelum"
        cure = "bila nilai memuat tanda petik (mis. Jum'at), bungkus dengan tanda kutip ganda"
    else:
        why = 'tanda kutip ganda " sudah menutup nilai sebelum'
        cure = "bila nilai memuat tanda kutip ganda, bungkus seluruhnya dengan tanda kutip tunggal"
    return src.at(
        mark.line,
        f"{why} «{line[mark.column :].strip()}» (karakter ke-{mark.column + 1}); {cure}: {key}{quoted(value)}",
    )


def _key_before(tokens) -> str:
    """``title: `` when the value just read belongs to key ``title``, else ''."""
    for earlier, token in zip(tokens[-4::], tokens[-3::], strict=False):
        if isinstance(earlier, yaml.ScalarToken) and isinstance(token, yaml.ValueToken):
            return f"{earlier.value}: "
    return ""


def _bracket(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    """An unclosed ``[`` or ``{`` (named where it opens), or something inside one that does not fit."""
    opener = _open_bracket(tokens)
    if opener is None:
        return None
    start = opener.start_mark
    opening = src.line(start.line)[start.column]
    closing = "]" if opening == "[" else "}"
    kind = "kurung siku [" if opening == "[" else "kurung kurawal {"
    got = problem.rsplit("but got ", 1)[-1].strip("'")
    if got in ("]", "}") and got != closing:
        message = f"{kind} ditutup dengan {got}; tutup dengan {closing}"
        return src.at(mark.line, message)
    if mark.line == start.line and closing in src.line(start.line)[start.column :]:
        return src.at(
            mark.line,
            f"isi di dalam {kind} … {closing} memuat tanda baca yang dibaca YAML sebagai susunan (mis. ': '); "
            f'bungkus isi itu dengan tanda kutip ganda, mis. ["isi: dengan titik dua"]',
        )
    example = "[satu, dua]" if opening == "[" else "{text: …, rating: …}"
    return src.at(
        start.line,
        f"{kind} di karakter ke-{start.column + 1} dibuka tetapi tidak ditutup; tambahkan {closing} "
        f"di akhir {'daftar' if opening == '[' else 'isian'}, mis. {example}",
    )


def _open_bracket(tokens):
    """The innermost ``[`` or ``{`` still open where YAML stopped, if any."""
    stack = []
    for token in tokens:
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            stack.append(token)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and stack:
            stack.pop()
    return stack[-1] if stack else None


def _colon(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    """``mapping values are not allowed here``: a ': ' inside a value, a line without its colon, or
    a line indented under another as if it continued its value."""
    if not problem.startswith("mapping values"):
        return None
    scalar = next((t for t in reversed(tokens) if isinstance(t, yaml.ScalarToken)), None)
    line = src.line(mark.line)
    if scalar is None or scalar.start_mark.line == mark.line:
        return _colon_in_value(src, mark, tokens)
    first = src.line(scalar.start_mark.line)
    if scalar.start_mark.column == len(first) - len(first.lstrip()):  # the scalar began a line: no key there
        return _no_colon(src, scalar.start_mark.line)
    indent = len(line) - len(line.lstrip())
    return src.at(
        mark.line,
        f"baris ini menjorok {indent} spasi sehingga YAML membacanya sebagai lanjutan nilai di baris "
        f"{scalar.start_mark.line + src.offset}; samakan indentasinya dengan kolom di atasnya, "
        f"atau bila memang lanjutan nilai, {_QUOTE_IT}",
    )


def _colon_in_value(src: Source, mark, tokens) -> Diagnosis:
    line = src.line(mark.line)
    key, _, value = line.partition(": ")
    key = key.strip().lstrip("- ").strip()
    value = value.split(" #")[0].strip()
    curly = f"; {CURLY_HELP}" if any(c in value for c in CURLY_QUOTES) else ""
    return src.at(
        mark.line,
        f"nilai berisi ': ' (titik dua lalu spasi) di karakter ke-{mark.column + 1}, yang dibaca YAML sebagai "
        f"kolom baru; {_QUOTE_IT}: {key}: {quoted(value)}{curly}",
    )


def _no_colon(src: Source, index: int) -> Diagnosis:
    line = src.line(index).strip()
    name, colon, value = line.partition(":")
    if colon and " " not in name:
        cure = f"tambahkan spasi setelah titik dua: {name}: {value.strip()}"
    else:
        name, cure = (
            "",
            (
                "tambahkan titik dua dan spasi setelah nama kolom (mis. title: Judul), atau bila baris ini lanjutan "
                "nilai di atasnya, gabungkan ke baris itu"
            ),
        )
    message = f"baris ini tidak berbentuk 'kolom: nilai' (tidak ada titik dua dan spasi); {cure}"
    return src.at(index, message, name.lstrip("- "))


def _simple_key(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    """``could not find expected ':'``: a line that is neither ``key: value`` nor part of a value."""
    if "could not find expected ':'" not in problem or exc.context_mark is None:
        return None
    return _no_colon(src, exc.context_mark.line)


def _starter(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    """A plain value that starts with a character YAML reserves (``@``, ``*``, ``|``, ``- ``…)."""
    line = src.line(mark.line)
    key, colon, value = line.partition(": ")
    start = len(key) + 2 + len(value) - len(value.lstrip())
    value = value.strip()
    marks = {(m.line, m.column) for m in (exc.problem_mark, exc.context_mark) if m}
    if not colon or value[:1] not in _STARTERS or (mark.line, start) not in marks:
        return None
    key = key.strip().lstrip("- ").strip()
    value = value.split(" #")[0]
    if value[0] == "-":
        items = value.lstrip("- ").strip()
        return src.at(
            mark.line,
            f"'- ' menandai butir daftar dan tidak boleh ditulis setelah '{key}:'; untuk daftar tulis "
            f"{key}: [{items}] (atau tiap butir '- …' di baris baru di bawah {key}:); bila tanda hubung itu "
            f"bagian dari teks, {_QUOTE_IT}: {key}: {quoted(value)}",
        )
    return src.at(
        mark.line,
        f"nilai tidak boleh diawali {_STARTERS[value[0]]} tanpa tanda kutip, karena YAML memakainya sebagai tanda "
        f"khusus; {_QUOTE_IT}: {key}: {quoted(value)}",
    )


def _escape(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    if "escape" not in problem:
        return None
    return src.at(
        mark.line,
        "di dalam tanda kutip ganda, garis miring terbalik \\ memulai kode khusus; tulis \\\\ untuk satu "
        "garis miring, atau bungkus nilai dengan tanda kutip tunggal ' sebagai gantinya",
    )


def _block_end(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    """``expected <block end>, but found …``: indentation that does not line up, or text after ``]``."""
    if not problem.startswith("expected <block end>"):
        return None
    last = tokens[-1] if tokens else None
    if isinstance(last, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and last.end_mark.line == mark.line:
        return src.at(mark.line, "setelah kurung penutup tidak boleh ada teks lagi; pindahkan ke dalam kurung")
    if "':'" in problem:
        return None  # a line that starts with ':' has no key: the fallback shows it
    if "']'" in problem or "'}'" in problem:
        return src.at(mark.line, f"ada {problem[-2]} tanpa kurung pembuka; hapus atau tambahkan pembukanya")
    if "'-'" in problem:
        cure = "butir daftar '- …' harus tepat di bawah nama kolom daftarnya dan sejajar dengan butir lain"
    else:
        cure = "kolom yang setingkat harus diawali jumlah spasi yang sama dengan baris di atasnya"
    return src.at(mark.line, f"indentasi baris ini tidak sejajar; {cure}")


def _documents(src: Source, exc, problem, mark, tokens) -> Diagnosis | None:
    if "another document" not in problem and "document separator" not in problem:
        return None
    message = "baris '---' memisahkan dokumen YAML, dan berkas ini hanya boleh berisi satu; hapus baris itu"
    return Diagnosis(mark.line + src.offset, "", message)  # about the whole file, not a key


def _fallback(src: Source, mark) -> Diagnosis:
    text = src.line(mark.line).strip()
    shown = f" «{text[:80]}»" if text else ""
    return src.at(
        mark.line,
        f"YAML tidak valid di baris {mark.line + src.offset}, karakter ke-{mark.column + 1}{shown}; periksa tanda "
        f"kutip, titik dua dan indentasinya (bila nilai memuat tanda baca khusus, {_QUOTE_IT})",
    )


# Most specific first: an invisible character or a tab makes YAML misread everything after it.
_EXPLAINERS = (
    _invisible,
    _tab,
    _unclosed_quote,
    _after_quote,
    _bracket,
    _colon,
    _simple_key,
    _starter,
    _escape,
    _block_end,
    _documents,
)
