/** README.txt of an evidence bag: how to check it by hand, in plain words. */
export function bagReadme(o: { verifierKey: string; timestamps: boolean }): string {
  return `This folder is an evidence package made by Vigil. It is a BagIt bag (RFC 8493): it can be
checked with standard tools, without Vigil.

WHAT IS IN IT
  data/messages.jsonl      one line per captured version of each message, as Vigil recorded it
  data/originals/          the original files (export files, media), each named by its SHA-256
  data/captures/           web captures (WACZ) and page screenshots, when there are any
  data/ledger.jsonl        the events of Vigil's append-only, hash-chained ledger about these messages
  data/proofs/             checkpoint.txt: a signed summary (Merkle tree head) of the whole ledger;
                           checkpoint-key.txt: the key that signed it; inclusion.jsonl: for each
                           ledger line, the proof that it is part of that signed ledger;
                           timestamps/*.tsr: RFC 3161 timestamps of checkpoint.txt, if any
  manifest-sha256.txt, manifest-sha512.txt   the hash of every file under data/
  tagmanifest-sha256.txt   the hash of the files beside them
  bag-info.txt             who made the bag, when, and what was selected
  verify.py                a checker that needs only Python 3

1. CHECK EVERY FILE (any computer with coreutils)
  cd into this folder and run
      sha256sum -c manifest-sha256.txt
      sha512sum -c manifest-sha512.txt
      sha256sum -c tagmanifest-sha256.txt
  Every line must say OK. Also make sure no file under data/ is missing from manifest-sha256.txt
  (a file added later would not be listed):
      find data -type f | sort > /tmp/files; cut -c67- manifest-sha256.txt | sort | diff - /tmp/files

2. CHECK THE ORIGINALS
  Each file in data/originals/ is named by its own SHA-256: sha256sum data/originals/* shows the
  name twice on every line.

3. CHECK THE SIGNATURE, THE LEDGER AND THE PROOFS
      python3 verify.py --key '${o.verifierKey}'
  It re-does steps 1 and 2, checks the Ed25519 signature on data/proofs/checkpoint.txt, recomputes
  each ledger event's hash, and checks each event's Merkle inclusion proof (RFC 6962) against the
  signed root. It names every file that fails and exits with a non-zero status.
  The key above is the one in data/proofs/checkpoint-key.txt. Ask the organization that made the
  bag to confirm it by another channel (it is printed by \`vigil keys show\`); a key that only
  travels inside the bag proves the bag is intact, not who made it.
  Read verify.py before running it: it is short, and it is the only program in the bag.

4. CHECK THE TRUSTED TIMESTAMPS${o.timestamps ? '' : ' (this bag has none)'}
  A timestamp authority (TSA) signed the SHA-256 of data/proofs/checkpoint.txt at a time it vouches
  for. With the TSA's CA certificate (from the TSA) in tsa-ca.pem:
      openssl ts -verify -data data/proofs/checkpoint.txt -in data/proofs/timestamps/FILE.tsr -CAfile tsa-ca.pem
  It must print "Verification: OK". To read the time: openssl ts -reply -in FILE.tsr -text
  Then every ledger event with a valid proof existed, unchanged, no later than that time.
`;
}
