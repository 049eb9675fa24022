"""Generate tests/fixtures/npy/: small .npy and .npz files written by NumPy 2.4, and
expected.json, what NumPy's np.load reads from each, for tests/npy_io_test.ts (which checks
dezero/np/_io.ts against them).

Files this reader must read (every dtype in both byte orders, 0-d to 3-d, empty shapes, format
versions 1.0, 2.0 and 3.0, Fortran order where it equals C order, np.savez and
np.savez_compressed archives with names holding "/" and non-ASCII letters, an empty archive, an
archive written to an unseekable stream, with data descriptors) are listed under "arrays" and
"archives" with their contents as np.load gives them. Files it must refuse (Fortran order, object
arrays, other dtypes, int64 beyond 2^53, a bzip2 member, a member that is not .npy) are listed
under "rejected" with why. Output is reproducible: NumPy dates every archive member 1980-01-01.

    python3 tools/gen_npy_fixtures.py
"""

import io
import json
import zipfile
from pathlib import Path

import numpy as np

from _json_values import encode

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "npy"

NAN = float("nan")
INF = float("inf")


def describe(a):
    """The JSON form of an array as np.load gives it."""
    return {"dtype": a.dtype.name, "shape": list(a.shape), "values": [encode(x) for x in a.ravel()]}


def write_npy(name, a, **kwargs):
    """np.save's file (np.lib.format.write_array's, for kwargs such as version=)."""
    with open(OUT / name, "wb") as f:
        np.lib.format.write_array(f, a, **kwargs)


def write_raw_npy(name, header, data):
    """A .npy file with a header dict NumPy's writer would not choose, written by that writer."""
    with open(OUT / name, "wb") as f:
        np.lib.format.write_array_header_1_0(f, header)
        f.write(data)


class Unseekable(io.RawIOBase):
    """A stream without seek or tell: zipfile then writes data descriptors."""

    def __init__(self):
        super().__init__()
        self.bytes = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.bytes += b
        return len(b)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()

    f8 = np.array([[0.1, -0.0, NAN], [INF, -INF, 5e-324]])
    f4 = np.array([1 / 3, NAN, -INF, 1e-45, 3.4028235e38, -0.0, 2.5, 7], dtype=np.float32)
    i8 = np.array([0, -1, 2**53 - 1, -(2**53 - 1), 42], dtype=np.int64)
    u1 = np.array([[0, 1], [128, 255]], dtype=np.uint8)
    b1 = np.array([True, False, True])

    write_npy("f8_2d.npy", f8)
    write_npy("f8_0d.npy", np.array(3.25))
    write_npy("f8_1d.npy", np.arange(4.0) - 1.5)
    write_npy("f8_empty.npy", np.zeros((0, 3)))
    write_npy("f4_3d.npy", f4.reshape(2, 2, 2))
    write_npy("f4_0d.npy", np.float32(-1.5))
    write_npy("i8_1d.npy", i8)
    write_npy("i8_0d.npy", np.array(-7, dtype=np.int64))
    write_npy("i8_empty.npy", np.zeros((3, 0, 2), dtype=np.int64))
    write_npy("u1_2d.npy", u1)
    write_npy("u1_0d.npy", np.uint8(200))
    write_npy("b1_1d.npy", b1)
    write_npy("b1_0d.npy", np.bool_(False))
    write_npy("f8_v2.npy", f8, version=(2, 0))
    write_npy("i8_v3.npy", i8, version=(3, 0))
    write_npy("f8_be.npy", f8.astype(">f8"))
    write_npy("f4_be.npy", f4.astype(">f4"))
    write_npy("i8_be.npy", i8.astype(">i8"))
    # Fortran order on a shape with one axis longer than 1 is C order too.
    write_raw_npy("f8_fortran_row.npy", {"descr": "<f8", "fortran_order": True, "shape": (1, 3)},
                  np.array([1.0, 2.0, 3.0]).tobytes())

    write_npy("fortran.npy", np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    write_npy("object.npy", np.array([1, "a", None], dtype=object))
    write_npy("i4.npy", np.arange(3, dtype=np.int32))
    write_npy("structured.npy", np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")]))
    write_npy("i8_2_53.npy", np.array([1, 2**53], dtype=np.int64))
    write_npy("i8_min.npy", np.array([-(2**63)], dtype=np.int64))

    entries = {"l1/W": f8, "l1/b": f4[:3], "x": np.array(5, dtype=np.int64), "mask": b1,
               "δ": u1}
    np.savez(OUT / "savez.npz", np.arange(3.0), **entries)
    np.savez_compressed(OUT / "savez_compressed.npz", np.arange(3.0), **entries)
    np.savez(OUT / "savez_empty.npz")
    stream = Unseekable()
    np.savez(stream, **entries)
    (OUT / "savez_stream.npz").write_bytes(stream.bytes)

    np.savez(OUT / "npz_object.npz", a=np.arange(2.0), b=np.array([None], dtype=object))
    with zipfile.ZipFile(OUT / "npz_bzip2.npz", "w", compression=zipfile.ZIP_BZIP2) as z:
        buf = io.BytesIO()
        np.save(buf, np.arange(2.0))
        z.writestr("a.npy", buf.getvalue())
    with zipfile.ZipFile(OUT / "npz_text.npz", "w") as z:
        buf = io.BytesIO()
        np.save(buf, np.arange(2.0))
        z.writestr("a.npy", buf.getvalue())
        z.writestr("readme.txt", "not an array")

    arrays = {}
    archives = {}
    rejected = {
        "fortran.npy": "fortran",
        "object.npy": "object",
        "i4.npy": "dtype",
        "structured.npy": "structured",
        "i8_2_53.npy": "int64",
        "i8_min.npy": "int64",
        "npz_object.npz": "object",
        "npz_bzip2.npz": "bzip2",
        "npz_text.npz": "not_npy",
    }
    for path in sorted(OUT.iterdir()):
        if path.name in rejected:
            continue
        loaded = np.load(path)
        if path.suffix == ".npy":
            arrays[path.name] = describe(loaded)
        else:
            archives[path.name] = [{"name": k, **describe(loaded[k])} for k in loaded.files]
            with zipfile.ZipFile(path) as z:
                assert z.testzip() is None
    # np.load checks: the refusals are real (object arrays load with allow_pickle=True).
    assert np.load(OUT / "object.npy", allow_pickle=True).dtype == object
    assert np.load(OUT / "fortran.npy").flags.f_contiguous

    (OUT / "expected.json").write_text(json.dumps(
        {"numpy": np.__version__, "arrays": arrays, "archives": archives, "rejected": rejected},
        indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
