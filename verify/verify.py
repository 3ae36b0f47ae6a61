#!/usr/bin/env python3
"""Check a Vigil evidence bag without Vigil. Python 3.8+ standard library only.

    python3 verify.py [BAG_DIR] [--key VERIFIER_KEY]

BAG_DIR defaults to the folder this script is in. --key is the installation's checkpoint key as you
received it apart from the bag (`vigil keys show` prints it); without it the key inside the bag is used,
which proves the bag is intact but not who signed it.

What is checked, in order:
  1. BagIt (RFC 8493): bagit.txt; every file under data/ is listed in every payload manifest and each
     listed file exists with that SHA-256 / SHA-512; Payload-Oxum; the tag manifest.
  2. The signed checkpoint (C2SP tlog-checkpoint): its Ed25519 signature (RFC 8032, computed here).
  3. Each line of data/ledger.jsonl: its own hash over its canonical JSON (RFC 8785), its link to the
     event before it when both are in the bag, and its Merkle inclusion proof (RFC 6962) to the
     checkpoint's root.
  4. data/messages.jsonl: every record is the payload of a message.captured event in the ledger.
  5. data/originals/: every file hashes to its name.
  6. data/proofs/timestamps/*.tsr: each RFC 3161 reply stamps this checkpoint's SHA-256. Its CMS
     signature needs the authority's certificate: check it with `openssl ts -verify` (README.txt).

Prints what was checked and every failure, naming the file; exits 1 when anything failed.
"""

import base64
import hashlib
import json
import os
import sys

# ---------------------------------------------------------------- Ed25519 verification (RFC 8032 §5.1, §6)
P = 2**255 - 19
D = -121665 * pow(121666, P - 2, P) % P
Q = 2**252 + 27742317777372353535851937790883648493
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _add(a, b):
    x = (a[1] - a[0]) * (b[1] - b[0]) % P
    y = (a[1] + a[0]) * (b[1] + b[0]) % P
    c = 2 * a[3] * b[3] * D % P
    d = 2 * a[2] * b[2] % P
    e, f, g, h = y - x, d - c, d + c, y + x
    return (e * f, g * h, f * g, e * h)


def _mul(s, pt):
    acc = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            acc = _add(acc, pt)
        pt = _add(pt, pt)
        s >>= 1
    return acc


def _equal(a, b):
    return (a[0] * b[2] - b[0] * a[2]) % P == 0 and (a[1] * b[2] - b[1] * a[2]) % P == 0


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


_GY = 4 * pow(5, P - 2, P) % P
_GX = _recover_x(_GY, 0)
G = (_GX, _GY, 1, _GX * _GY % P)


def ed25519_verify(public, msg, sig):
    if len(public) != 32 or len(sig) != 64:
        return False
    a = _decompress(public)
    r = _decompress(sig[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(sig[32:], "little")
    if s >= Q:
        return False
    h = int.from_bytes(hashlib.sha512(sig[:32] + public + msg).digest(), "little") % Q
    return _equal(_mul(s, G), _add(r, _mul(h, a)))


# ---------------------------------------------------------------- RFC 8785 canonical JSON (as Vigil hashes events)
def _js_number(f):
    if f != f or f in (float("inf"), float("-inf")):
        raise ValueError("not a JSON number")
    if f == 0:
        return "0"
    if f < 0:
        return "-" + _js_number(-f)
    if f.is_integer() and f < 1e21:
        return str(int(f))
    mant, _, exp = repr(f).partition("e")
    exp = int(exp) if exp else 0
    ip, _, fp = mant.partition(".")
    if ip.lstrip("0"):
        n = len(ip.lstrip("0")) + exp
    else:
        n = exp - (len(fp) - len(fp.lstrip("0")))
    digits = (ip + fp).lstrip("0").rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    return digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e > 0 else "-") + str(abs(e))


def canonical(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _js_number(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical(v[k]) for k in keys) + "}"
    raise ValueError("not JSON: %r" % (v,))


# ---------------------------------------------------------------- RFC 6962 Merkle inclusion (RFC 9162 §2.1.3.2)
def leaf_hash(entry):
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_proof(index, size, leaf, path):
    if index < 0 or index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


# ---------------------------------------------------------------- the checks
class Report:
    def __init__(self):
        self.failures = []
        self.warnings = []
        self.checked = []

    def fail(self, msg):
        self.failures.append(msg)
        print("FAIL  " + msg)

    def warn(self, msg):
        self.warnings.append(msg)
        print("WARN  " + msg)

    def ok(self, msg):
        self.checked.append(msg)
        print("OK    " + msg)


HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512, "sha1": hashlib.sha1, "md5": hashlib.md5}


def hash_file(path, algs):
    hs = {a: HASHES[a]() for a in algs}
    size = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            size += len(chunk)
            for h in hs.values():
                h.update(chunk)
    return {a: h.hexdigest() for a, h in hs.items()}, size


def decode_path(p):
    return p.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def read_manifest(bag, name, rep):
    entries = {}
    with open(os.path.join(bag, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                continue
            parts = line.split(None, 1)
            if len(parts) != 2:
                rep.fail("%s line %d: not '<checksum> <path>'" % (name, n))
                continue
            entries[decode_path(parts[1].lstrip())] = parts[0].lower()
    return entries


def walk(bag, top):
    out = []
    for root, _dirs, files in os.walk(os.path.join(bag, top)):
        for fn in files:
            out.append(os.path.relpath(os.path.join(root, fn), bag).replace(os.sep, "/"))
    return out


def check_bagit(bag, rep):
    try:
        with open(os.path.join(bag, "bagit.txt"), encoding="utf-8") as f:
            decl = f.read()
    except OSError:
        rep.fail("bagit.txt: missing: this is not a BagIt bag")
        return None
    if "BagIt-Version: 1.0" not in decl or "Tag-File-Character-Encoding: UTF-8" not in decl:
        rep.fail("bagit.txt: not a BagIt 1.0 declaration with UTF-8 tag files")
    names = sorted(os.listdir(bag))
    manifests = [n for n in names if n.startswith("manifest-") and n.endswith(".txt")]
    algs = [n[len("manifest-"):-4] for n in manifests]
    if not manifests:
        rep.fail("no payload manifest (manifest-<algorithm>.txt)")
        return None
    for a in algs:
        if a not in HASHES:
            rep.warn("manifest-%s.txt: unknown algorithm, not checked" % a)
    algs = [a for a in algs if a in HASHES]
    listed = {a: read_manifest(bag, "manifest-%s.txt" % a, rep) for a in algs}
    present = set(walk(bag, "data"))
    hashes = {}
    octets = 0
    for a in algs:
        for p in sorted(set(listed[a]) - present):
            rep.fail("%s: listed in manifest-%s.txt but missing from the bag (removed?)" % (p, a))
        for p in sorted(present - set(listed[a])):
            rep.fail("%s: in the bag but not in manifest-%s.txt (added?)" % (p, a))
    for p in sorted(present):
        hashes[p], size = hash_file(os.path.join(bag, p), algs)
        octets += size
        for a in algs:
            want = listed[a].get(p)
            if want is not None and want != hashes[p][a]:
                rep.fail("%s: %s is %s, manifest-%s.txt says %s (changed?)" % (p, a, hashes[p][a], a, want))
    rep.ok("%d payload files hashed with %s against the manifests" % (len(present), " and ".join(algs)))
    info = read_bag_info(bag, rep)
    oxum = info.get("Payload-Oxum")
    if oxum:
        if oxum != "%d.%d" % (octets, len(present)):
            rep.fail("bag-info.txt: Payload-Oxum %s, but the payload is %d octets in %d files" % (oxum, octets, len(present)))
        else:
            rep.ok("Payload-Oxum %s" % oxum)
    tag_manifests = [n for n in names if n.startswith("tagmanifest-") and n.endswith(".txt")]
    tag_listed = set()
    for tm in tag_manifests:
        a = tm[len("tagmanifest-"):-4]
        if a not in HASHES:
            rep.warn("%s: unknown algorithm, not checked" % tm)
            continue
        for p, want in sorted(read_manifest(bag, tm, rep).items()):
            tag_listed.add(p)
            full = os.path.join(bag, p)
            if not os.path.isfile(full):
                rep.fail("%s: listed in %s but missing (removed?)" % (p, tm))
                continue
            got = hash_file(full, [a])[0][a]
            if got != want:
                rep.fail("%s: %s is %s, %s says %s (changed?)" % (p, a, got, tm, want))
        rep.ok("tag files against %s" % tm)
    for p in sorted(set(walk(bag, ".")) - present - tag_listed):
        p = p[2:] if p.startswith("./") else p
        if p.startswith("data/") or (p.startswith("tagmanifest-") and p.endswith(".txt")) or p in tag_listed:
            continue
        rep.warn("%s: a tag file no tag manifest lists (added after bagging?)" % p)
    return hashes


def read_bag_info(bag, rep):
    info = {}
    try:
        with open(os.path.join(bag, "bag-info.txt"), encoding="utf-8") as f:
            label = None
            for line in f:
                line = line.rstrip("\n")
                if line[:1] in (" ", "\t") and label:
                    info[label] += " " + line.strip()
                elif ":" in line:
                    label, value = line.split(":", 1)
                    info[label] = value.strip()
    except OSError:
        rep.warn("bag-info.txt: missing")
    return info


def parse_verifier_key(s):
    name, key_id, b64 = s.strip().split("+", 2)
    raw = base64.b64decode(b64, validate=True)
    if len(raw) != 33 or raw[0] != 1:
        raise ValueError("not an Ed25519 verifier key")
    pub = raw[1:]
    want = hashlib.sha256(name.encode() + b"\n" + b"\x01" + pub).digest()[:4]
    if want.hex() != key_id:
        raise ValueError("its key id does not match its key")
    return name, want, pub


def check_checkpoint(bag, key_arg, rep):
    proofs = os.path.join(bag, "data", "proofs")
    try:
        note = open(os.path.join(proofs, "checkpoint.txt"), "rb").read()
        bag_key = open(os.path.join(proofs, "checkpoint-key.txt"), encoding="utf-8").read().strip()
    except OSError as e:
        rep.fail("data/proofs: %s" % e)
        return None
    key_text = key_arg or bag_key
    try:
        name, key_id, pub = parse_verifier_key(key_text)
    except ValueError as e:
        rep.fail("verifier key %s: %s" % (key_text, e))
        return None
    if key_arg and key_arg.strip() != bag_key:
        rep.warn("data/proofs/checkpoint-key.txt differs from the key given with --key; using --key")
    text_s = note.decode("utf-8")
    at = text_s.rfind("\n\n")
    if at < 0:
        rep.fail("data/proofs/checkpoint.txt: not a signed note")
        return None
    text = text_s[: at + 1]
    good = False
    for line in text_s[at + 2:].split("\n"):
        if not line.startswith("\u2014 "):
            continue
        parts = line[2:].split(" ")
        if len(parts) != 2 or parts[0] != name:
            continue
        raw = base64.b64decode(parts[1])
        if raw[:4] == key_id and ed25519_verify(pub, text.encode("utf-8"), raw[4:]):
            good = True
    if not good:
        rep.fail("data/proofs/checkpoint.txt: no valid Ed25519 signature by %s+%s" % (name, key_id.hex()))
        return None
    lines = text.split("\n")
    try:
        origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2], validate=True)
    except (IndexError, ValueError):
        rep.fail("data/proofs/checkpoint.txt: not a checkpoint (origin, tree size, root hash)")
        return None
    rep.ok("checkpoint %s, tree size %d, root %s: Ed25519 signature by %s verifies%s"
           % (origin, size, root.hex(), name, "" if key_arg else " (key taken from the bag)"))
    return {"size": size, "root": root, "note": note}


def check_ledger(bag, cp, rep):
    proofs = {}
    path = os.path.join(bag, "data", "proofs", "inclusion.jsonl")
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                try:
                    p = json.loads(line)
                    proofs[int(p["seq"])] = p
                except (ValueError, KeyError, TypeError):
                    rep.fail("data/proofs/inclusion.jsonl line %d: not a proof record" % n)
    except OSError:
        rep.fail("data/proofs/inclusion.jsonl: missing")
    events = {}
    prev = None
    bad = 0
    with open(os.path.join(bag, "data", "ledger.jsonl"), "rb") as f:
        for n, raw in enumerate(f, 1):
            entry = raw.rstrip(b"\n")
            where = "data/ledger.jsonl line %d" % n
            try:
                e = json.loads(entry.decode("utf-8"))
                seq = int(e["seq"])
                body = {k: e[k] for k in ("seq", "at", "actor", "kind", "payload", "prevHash")}
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                rep.fail("%s: not a ledger event" % where)
                bad += 1
                continue
            where += " (seq %d)" % seq
            events[seq] = e
            if hashlib.sha256(canonical(body).encode("utf-8")).hexdigest() != e.get("hash"):
                rep.fail("%s: the event's hash does not match its content" % where)
                bad += 1
            if prev is not None and prev["seq"] == seq - 1 and e["prevHash"] != prev["hash"]:
                rep.fail("%s: prevHash does not link to seq %d" % (where, seq - 1))
                bad += 1
            prev = e
            if cp is None:
                continue
            p = proofs.get(seq)
            if p is None:
                rep.fail("%s: no inclusion proof in data/proofs/inclusion.jsonl" % where)
                bad += 1
                continue
            try:
                path_ = [bytes.fromhex(h) for h in p["auditPath"]]
                got = root_from_proof(int(p["leafIndex"]), cp["size"], leaf_hash(entry), path_)
            except (ValueError, KeyError, TypeError):
                got = None
            if int(p.get("leafIndex", -1)) != seq - 1 or int(p.get("treeSize", -1)) != cp["size"] or got != cp["root"]:
                rep.fail("%s: not in the signed checkpoint: its Merkle inclusion proof fails" % where)
                bad += 1
    if cp is not None:
        rep.ok("%d ledger events: hashes, links and inclusion proofs to the checkpoint (%d failed)" % (len(events), bad))
    return events


def check_messages(bag, events, rep):
    n = bad = 0
    with open(os.path.join(bag, "data", "messages.jsonl"), "rb") as f:
        for n, raw in enumerate(f, 1):
            where = "data/messages.jsonl line %d" % n
            try:
                rec = json.loads(raw.decode("utf-8"))
                seq = int(rec["seq"])
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                rep.fail("%s: not a message record" % where)
                bad += 1
                continue
            e = events.get(seq)
            payload = {k: rec.get(k) for k in ("id", "contentHash", "message")}
            if e is None or e.get("kind") != "message.captured" or e.get("payload") != payload:
                rep.fail("%s: does not match the message.captured event at seq %d in data/ledger.jsonl" % (where, seq))
                bad += 1
    rep.ok("%d message records match their ledger events (%d failed)" % (n, bad))


def check_originals(hashes, rep):
    names = [p for p in hashes if p.startswith("data/originals/")]
    for p in names:
        if os.path.basename(p) != hashes[p]["sha256"]:
            rep.fail("%s: hashes to %s, not to its name" % (p, hashes[p]["sha256"]))
    rep.ok("%d originals hash to their names" % len(names))


def check_timestamps(bag, cp, rep):
    d = os.path.join(bag, "data", "proofs", "timestamps")
    if not os.path.isdir(d) or cp is None:
        return
    imprint = hashlib.sha256(cp["note"]).digest()
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".tsr"):
            continue
        der = open(os.path.join(d, fn), "rb").read()
        if b"\x04\x20" + imprint in der:
            rep.ok("data/proofs/timestamps/%s stamps the checkpoint's SHA-256 %s; check its signature with openssl ts -verify"
                   % (fn, imprint.hex()))
        else:
            rep.fail("data/proofs/timestamps/%s: does not stamp this checkpoint's SHA-256 %s" % (fn, imprint.hex()))


def main(argv):
    args = list(argv)
    key = None
    if "--key" in args:
        i = args.index("--key")
        if i + 1 >= len(args):
            print("usage: verify.py [BAG_DIR] [--key VERIFIER_KEY]", file=sys.stderr)
            return 2
        key = args[i + 1]
        del args[i:i + 2]
    bag = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    print("Checking the bag in %s" % os.path.abspath(bag))
    rep = Report()
    hashes = check_bagit(bag, rep)
    cp = check_checkpoint(bag, key, rep)
    events = check_ledger(bag, cp, rep)
    check_messages(bag, events, rep)
    if hashes is not None:
        check_originals(hashes, rep)
    check_timestamps(bag, cp, rep)
    if rep.failures:
        print("\nFAILED: %d problem(s); the first: %s" % (len(rep.failures), rep.failures[0]))
        return 1
    print("\nVERIFIED: %d checks passed%s" % (len(rep.checked), ", %d warning(s)" % len(rep.warnings) if rep.warnings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
