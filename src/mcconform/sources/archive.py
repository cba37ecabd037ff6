"""ZIP archives: members streamed, never extracted, with the limits of a hostile archive
(member count, inflation ratio, encryption, damaged directories: ``source.bad-archive``)."""

from __future__ import annotations

import lzma
import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from .. import guard
from ..document import Document
from ..limits import Limits
from ..rules import rule
from . import content
from .common import EMPTY_INPUT, LINES_EXTENSIONS, WALK_EXTENSIONS, ZIP_EXTENSIONS, read_limited, too_large
from .lines import iter_lines

BAD_ZIP = rule(
    "source.bad-archive",
    "error",
    "The ZIP archive is corrupt or hostile.",
    "mcconform inputs",
    """
    ZIP members are streamed without extracting them to disk.  An archive whose central
    directory cannot be read, or a member that inflates far beyond its compressed size
    (a ZIP bomb), is refused with this finding.
    """,
)


def iter_zip(label: str, file: str | IO[bytes], limits: Limits) -> Iterator[Document]:
    try:
        zf = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, IndexError,
            KeyError, OverflowError, UnicodeDecodeError, struct.error) as e:
        # what zipfile's parser raises on a damaged directory (NotImplementedError: a ZIP
        # version Python cannot read, found by fuzzing)
        doc = Document(source=label)
        doc.findings.append(BAD_ZIP.finding(f"the archive cannot be read: {e}"))
        yield doc
        return
    with zf:
        count = 0
        infos = zf.infolist()
        if len(infos) > limits.max_zip_members:
            doc = Document(source=label)
            doc.findings.append(
                BAD_ZIP.finding(
                    f"the archive has {len(infos)} members; the limit is {limits.max_zip_members}"
                )
            )
            yield doc
            return
        for info in infos:
            if info.is_dir():
                continue
            name = info.filename
            ext = os.path.splitext(name)[1].lower()
            if ext not in WALK_EXTENSIONS or ext in ZIP_EXTENSIONS:
                continue
            count += 1
            member_label = f"{label}!{name}"
            if ext not in LINES_EXTENSIONS and info.file_size > limits.max_bytes:
                yield too_large(member_label, info.file_size, limits)
                continue
            if info.flag_bits & 0x1:
                doc = Document(source=member_label)
                doc.findings.append(BAD_ZIP.finding("the member is encrypted; mcconform does not decrypt"))
                yield doc
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            # JSON Lines members count from 1 MB: a few kilobytes can hold millions of lines
            floor = (1 if ext in LINES_EXTENSIONS else 10) * 1024 * 1024
            if ratio > limits.max_zip_ratio and info.file_size > floor:
                doc = Document(source=member_label)
                doc.findings.append(
                    BAD_ZIP.finding(f"member inflates {ratio:.0f}-fold to {info.file_size} bytes (ZIP bomb?)")
                )
                yield doc
                continue
            try:
                with zf.open(info) as stream:
                    if ext in LINES_EXTENSIONS:
                        yield from iter_lines(member_label, stream, limits)
                    else:
                        raw = read_limited(stream, limits.max_bytes)
                        if len(raw) > limits.max_bytes:
                            yield too_large(member_label, len(raw), limits)
                        else:
                            read = content.document_from_bytes
                            yield guard.read(member_label, read, member_label, raw, limits)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, lzma.LZMAError, RuntimeError,
                    ValueError) as e:  # ValueError: a header offset that points before the file
                doc = Document(source=member_label)
                doc.findings.append(BAD_ZIP.finding(f"the member cannot be read: {e}"))
                yield doc
            except NotImplementedError as e:  # deflate64, implode, ...: methods Python cannot read
                doc = Document(source=member_label)
                msg = f"the member cannot be read: {e} (method {info.compress_type})"
                doc.findings.append(BAD_ZIP.finding(msg))
                yield doc
            except Exception as e:
                yield guard.failed_document(member_label, "reading", e)
        if count == 0:
            doc = Document(source=label, kind="empty")
            doc.findings.append(EMPTY_INPUT.finding("the archive holds no document to check"))
            yield doc
