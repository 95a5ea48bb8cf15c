// Known-answer test vectors for Vellum's own constructions (vellum-v1.json).
//
// This is an independent second implementation, written from docs/protocol.md alone (plus the RFCs and
// draft-irtf-cfrg-xchacha-03 it cites), using only Node's built-in `crypto` module. It deliberately does not
// look at the Java sources. Section names in the comments below are headings of docs/protocol.md.
//
// Every "random" input is a fixed hex constant, so running
//
//     node generate.mjs
//
// in this folder rewrites vellum-v1.json byte for byte the same. Byte values in the JSON are lowercase hex
// without separators; an empty string means zero bytes.

import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

const hex = (s) => Buffer.from(s, 'hex');
const toHex = (b) => Buffer.from(b).toString('hex');
const ascii = (s) => Buffer.from(s, 'ascii');
const cat = (...parts) => Buffer.concat(parts.map((p) => Buffer.from(p)));

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}

function sha256(...parts) {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function sha512(...parts) {
  const h = crypto.createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
}

// HKDF-SHA256 (RFC 5869). An empty salt is treated by RFC 5869 (and Node) as HashLen zero bytes, which is what
// protocol.md means by `salt = ""`.
function hkdfSha256(ikm, salt, info, length) {
  return Buffer.from(crypto.hkdfSync('sha256', ikm, salt, info, length));
}

// Big-endian integers (protocol.md, introduction: "All integers are big-endian and unsigned unless stated").
// Fields described as "signed" are two's complement; every value used here is non-negative.
function int32be(n) {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
function int64be(n) {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
}
function uint32be(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

// Identifiers in URLs: 22 characters of unpadded base64url (RFC 4648 section 5) (protocol.md, introduction).
function base64urlUnpadded(bytes) {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// ---------------------------------------------------------------------------------------------------------
// Ed25519 (RFC 8032) and X25519 (RFC 7748) through Node's KeyObjects
// ---------------------------------------------------------------------------------------------------------

const ED25519_PKCS8_PREFIX = hex('302e020100300506032b657004220420');
const X25519_PKCS8_PREFIX = hex('302e020100300506032b656e04220420');

function ed25519PrivateKey(seed) {
  check(seed.length === 32, 'Ed25519 seed is 32 bytes');
  return crypto.createPrivateKey({ key: cat(ED25519_PKCS8_PREFIX, seed), format: 'der', type: 'pkcs8' });
}

function rawPublic(privateKey) {
  return crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
}

const ed25519Public = (seed) => rawPublic(ed25519PrivateKey(seed));
const ed25519Sign = (seed, message) => crypto.sign(null, message, ed25519PrivateKey(seed));

function x25519PrivateKey(scalar) {
  check(scalar.length === 32, 'X25519 scalar is 32 bytes');
  return crypto.createPrivateKey({ key: cat(X25519_PKCS8_PREFIX, scalar), format: 'der', type: 'pkcs8' });
}

const x25519Public = (scalar) => rawPublic(x25519PrivateKey(scalar));

// Self-check Ed25519 against RFC 8032 section 7.1, TEST 1 (empty message).
{
  const seed = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
  check(toHex(ed25519Public(seed)) === 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    'RFC 8032 TEST 1 public key');
  check(toHex(ed25519Sign(seed, Buffer.alloc(0))) ===
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    'RFC 8032 TEST 1 signature');
}

// Self-check X25519 against RFC 7748 section 6.1 (Alice's key pair; the scalar is given unclamped).
{
  const alice = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
  check(toHex(x25519Public(alice)) === '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    'RFC 7748 6.1 public key');
}

// ---------------------------------------------------------------------------------------------------------
// Cipher: XChaCha20-Poly1305 (protocol.md "Cipher: XChaCha20-Poly1305"; draft-irtf-cfrg-xchacha-03)
// ---------------------------------------------------------------------------------------------------------

// HChaCha20, draft-irtf-cfrg-xchacha-03 section 2.2: the ChaCha20 state (RFC 8439 section 2.3) is set up with
// the 16-byte nonce in place of block counter and nonce; 20 rounds are run (10 column + 10 diagonal rounds);
// the subkey is state words 0..3 and 12..15, little-endian, with no final addition of the input state.
function hchacha20(key, nonce16) {
  check(key.length === 32 && nonce16.length === 16, 'HChaCha20 input sizes');
  const s = new Uint32Array(16);
  s[0] = 0x61707865; s[1] = 0x3320646e; s[2] = 0x79622d32; s[3] = 0x6b206574; // "expand 32-byte k"
  for (let i = 0; i < 8; i++) s[4 + i] = key.readUInt32LE(4 * i);
  for (let i = 0; i < 4; i++) s[12 + i] = nonce16.readUInt32LE(4 * i);

  const rotl = (v, c) => ((v << c) | (v >>> (32 - c))) >>> 0;
  const quarterRound = (a, b, c, d) => {
    s[a] = (s[a] + s[b]) >>> 0; s[d] = rotl(s[d] ^ s[a], 16);
    s[c] = (s[c] + s[d]) >>> 0; s[b] = rotl(s[b] ^ s[c], 12);
    s[a] = (s[a] + s[b]) >>> 0; s[d] = rotl(s[d] ^ s[a], 8);
    s[c] = (s[c] + s[d]) >>> 0; s[b] = rotl(s[b] ^ s[c], 7);
  };
  for (let i = 0; i < 10; i++) {
    quarterRound(0, 4, 8, 12); quarterRound(1, 5, 9, 13); quarterRound(2, 6, 10, 14); quarterRound(3, 7, 11, 15);
    quarterRound(0, 5, 10, 15); quarterRound(1, 6, 11, 12); quarterRound(2, 7, 8, 13); quarterRound(3, 4, 9, 14);
  }

  const out = Buffer.alloc(32);
  for (let i = 0; i < 4; i++) out.writeUInt32LE(s[i], 4 * i);
  for (let i = 0; i < 4; i++) out.writeUInt32LE(s[12 + i], 16 + 4 * i);
  return out;
}

// Self-check HChaCha20 against draft-irtf-cfrg-xchacha-03 section 2.2.1.
{
  const subkey = hchacha20(hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'),
    hex('000000090000004a0000000031415927'));
  if (toHex(subkey) !== '82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc') {
    throw new Error(`HChaCha20 does not match draft-irtf-cfrg-xchacha-03 section 2.2.1: got ${toHex(subkey)}`);
  }
}

// XChaCha20-Poly1305 encryption: subkey = HChaCha20(key, nonce[0..16]); ChaCha20-Poly1305 (RFC 8439) with the
// subkey and the 12-byte nonce 00 00 00 00 || nonce[16..24]. Returns ciphertext || tag (16), without the nonce.
function xchacha20poly1305Encrypt(key, nonce24, plaintext, aad) {
  check(key.length === 32 && nonce24.length === 24, 'XChaCha20-Poly1305 input sizes');
  const subkey = hchacha20(key, nonce24.subarray(0, 16));
  const nonce12 = cat(Buffer.alloc(4), nonce24.subarray(16, 24));
  const cipher = crypto.createCipheriv('chacha20-poly1305', subkey, nonce12, { authTagLength: 16 });
  cipher.setAAD(aad, { plaintextLength: plaintext.length });
  const ciphertext = cat(cipher.update(plaintext), cipher.final());
  return cat(ciphertext, cipher.getAuthTag());
}

// Self-check the whole AEAD against draft-irtf-cfrg-xchacha-03 appendix A.3.1.
{
  const plaintext = ascii("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
  const out = xchacha20poly1305Encrypt(hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f'),
    hex('404142434445464748494a4b4c4d4e4f5051525354555657'), plaintext, hex('50515253c0c1c2c3c4c5c6c7'));
  check(toHex(out) ===
    'bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff921f9664c97637da9768812f615c68b13b52e'
    + 'c0875924c1c7987947deafd8780acf49', 'draft-irtf-cfrg-xchacha-03 A.3.1');
}

// ---------------------------------------------------------------------------------------------------------
// Labels (protocol.md "Domain-separation labels", "Note link" and "Note item, version 2").
// Labels are the raw ASCII bytes, concatenated with no length prefix or terminator.
// ---------------------------------------------------------------------------------------------------------

const LABEL = {
  committingAeadKeys: ascii('vellum/v1/committing-aead/keys'),
  keyId: ascii('vellum/v1/key-id'),
  fingerprint: ascii('vellum/v1/fingerprint'),
  safetyNumber: ascii('vellum/v1/safety-number'),
  updateSignature: ascii('vellum/v1/update-envelope/signature'),
  updateHash: ascii('vellum/v1/update-envelope/hash'),
  noteEncryptionKey: ascii('vellum/v1/note/encryption-key'),
  noteWriteKey: ascii('vellum/v1/note/write-key'),
  noteId: ascii('vellum/v1/note/id'),
  noteItemWriteSignature: ascii('vellum/v1/note-item/write-signature'),
};

// ---------------------------------------------------------------------------------------------------------
// Identities (protocol.md "Identities")
// ---------------------------------------------------------------------------------------------------------

function identity(signingSeed, agreementPrivate) {
  const signingPublic = ed25519Public(signingSeed);
  const agreementPublic = x25519Public(agreementPrivate); // X25519 clamps the scalar itself (RFC 7748 section 5)
  // Key id: the first 16 bytes of SHA-256("vellum/v1/key-id", signing key, agreement key).
  const keyId = sha256(LABEL.keyId, signingPublic, agreementPublic).subarray(0, 16);
  // Fingerprint: SHA-256("vellum/v1/fingerprint", signing key, agreement key).
  const fingerprint = sha256(LABEL.fingerprint, signingPublic, agreementPublic);
  return { signingPublic, agreementPublic, keyId, fingerprint };
}

// One identity's 30 digits: h0 = "vellum/v1/safety-number" || fingerprint, then 5,200 rounds of
// h = SHA-512(h || fingerprint); six groups of five digits, each the big-endian value of bytes
// 5i..5i+4 (inclusive) of the final h, modulo 100,000, zero-padded.
function safetyDigits(fingerprint) {
  let h = cat(LABEL.safetyNumber, fingerprint);
  for (let i = 0; i < 5200; i++) h = sha512(h, fingerprint);
  let digits = '';
  for (let g = 0; g < 6; g++) {
    const value = h.readUIntBE(5 * g, 5); // 40-bit value, exact in a JS number
    digits += String(value % 100000).padStart(5, '0');
  }
  return digits;
}

// Safety number of two identities: the two 30-digit strings, sorted as strings and concatenated (60 digits).
function safetyNumber(fingerprintA, fingerprintB) {
  const parts = [safetyDigits(fingerprintA), safetyDigits(fingerprintB)];
  parts.sort(); // default sort compares UTF-16 code units; for ASCII digit strings that is lexicographic order
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------------------
// Note link (protocol.md "Note link")
// ---------------------------------------------------------------------------------------------------------

function noteKeys(secret) {
  check(secret.length === 32, 'note secret is 32 bytes');
  const encryptionKey = hkdfSha256(secret, Buffer.alloc(0), LABEL.noteEncryptionKey, 32);
  const writeSeed = hkdfSha256(secret, Buffer.alloc(0), LABEL.noteWriteKey, 32);
  const writePublic = ed25519Public(writeSeed);
  const noteId = sha256(LABEL.noteId, writePublic).subarray(0, 16);
  return { encryptionKey, writeSeed, writePublic, noteId, noteIdText: base64urlUnpadded(noteId) };
}

// ---------------------------------------------------------------------------------------------------------
// Committing AEAD (protocol.md "Committing AEAD (for content members share)")
// ---------------------------------------------------------------------------------------------------------

// okm = HKDF-SHA256(ikm = K, salt = N, info = "vellum/v1/committing-aead/keys", 64);
// output = N (24) || commitment = okm[32..64] || XChaCha20-Poly1305(okm[0..32], N, plaintext, ad).
function committingAeadEncrypt(key, nonce, plaintext, aad) {
  check(key.length === 32 && nonce.length === 24, 'committing AEAD input sizes');
  const okm = hkdfSha256(key, nonce, LABEL.committingAeadKeys, 64);
  const encryptionKey = okm.subarray(0, 32);
  const commitment = okm.subarray(32, 64);
  const out = cat(nonce, commitment, xchacha20poly1305Encrypt(encryptionKey, nonce, plaintext, aad));
  check(out.length === plaintext.length + 72, 'committing AEAD overhead is 72 bytes');
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Padding (protocol.md "Padding")
// ---------------------------------------------------------------------------------------------------------

// Padmé(L): for L < 2, L; otherwise E = floor(log2 L), S = floor(log2 E) + 1, z = E - S, and L rounded up to a
// multiple of 2^z.
function padme(L) {
  if (L < 2) return L;
  const floorLog2 = (x) => 31 - Math.clz32(x);
  const E = floorLog2(L);
  const S = floorLog2(E) + 1;
  const z = E - S;
  const m = 2 ** z;
  return Math.ceil(L / m) * m;
}

// data || 0x80 || 0x00... to Padmé(len(data) + 1) bytes.
function padmePad(data) {
  const padded = Buffer.alloc(padme(data.length + 1)); // zero-filled
  Buffer.from(data).copy(padded, 0);
  padded[data.length] = 0x80;
  return padded;
}

// Hand-computed values of Padmé (e.g. 1025: E = 10, S = 4, z = 6, rounded up to a multiple of 64 = 1088).
check(padme(1) === 1 && padme(2) === 2 && padme(9) === 10 && padme(1025) === 1088 && padme(70001) === 71680,
  'Padmé spot checks');

// ---------------------------------------------------------------------------------------------------------
// Update envelope, version 1 (protocol.md "Update envelope, version 1")
// ---------------------------------------------------------------------------------------------------------

function updateEnvelope({ authorSigningSeed, authorKeyId, contentKey, workspaceId, documentId, keyEpoch,
  sequence, previousHash, nonce, plaintext }) {
  check(workspaceId.length === 16 && documentId.length === 16 && authorKeyId.length === 16, 'id sizes');
  check(previousHash.length === 32, 'previous hash size');
  check(keyEpoch >= 0 && sequence >= 1, 'epoch and sequence ranges');
  check(sequence !== 1 || previousHash.equals(Buffer.alloc(32)), 'sequence 1 has an all-zero previous hash');

  const padded = padmePad(plaintext);
  const n = padded.length + 72; // body = committing AEAD output: 72 bytes of overhead
  check(n >= 72 && n <= 16 * 1024 * 1024, 'body length range');

  // Bytes 0..97: version, workspace id, document id, key epoch, author key id, sequence, previous hash, n.
  const head = cat(Buffer.from([0x01]), workspaceId, documentId, int32be(keyEpoch), authorKeyId,
    int64be(sequence), previousHash, uint32be(n));
  check(head.length === 97, 'update header is 97 bytes');

  const body = committingAeadEncrypt(contentKey, nonce, padded, head); // associated data = bytes 0..97
  check(body.length === n, 'body length matches the header');

  const signed = cat(head, body); // bytes 0..97+n
  const signature = ed25519Sign(authorSigningSeed, cat(LABEL.updateSignature, signed));
  const envelope = cat(signed, signature);
  check(envelope.length === 97 + n + 64, 'update envelope total length');

  // Chain hash = SHA-256("vellum/v1/update-envelope/hash", whole envelope including its signature).
  const chainHash = sha256(LABEL.updateHash, envelope);
  return { envelope, chainHash };
}

// ---------------------------------------------------------------------------------------------------------
// Note item, version 2 (protocol.md "Note item, version 2")
// ---------------------------------------------------------------------------------------------------------

const NOTE_ITEM_KIND = { update: 1, snapshot: 2 };

// An author's item in a note shared by link: an update envelope v1 with workspace id zero, document id = the note
// id, key epoch 0, author key id = the key id of the author's identity, content key = the note's encryption key,
// and plaintext kind (1) || covers (8) || body; wrapped as
// version 0x02 || kind (1) || covers (8) || author Ed25519 public (32) || author X25519 public (32) || envelope (m)
// || write public key (32) || write-key signature over "vellum/v1/note-item/write-signature" || bytes 0..106+m.
function noteItem({ secret, authorSigningSeed, authorAgreementPrivate, kind, covers, sequence, previousHash, nonce,
  body }) {
  check(kind === NOTE_ITEM_KIND.update || kind === NOTE_ITEM_KIND.snapshot, 'kind is 1 (update) or 2 (snapshot)');
  check(kind === NOTE_ITEM_KIND.update ? covers === 0 : covers >= 1,
    'an update covers 0, a snapshot at least revision 1');
  const keys = noteKeys(secret);
  const author = identity(authorSigningSeed, authorAgreementPrivate);

  const kindAndCovers = cat(Buffer.from([kind]), int64be(covers)); // covers is signed; here never negative
  const { envelope, chainHash } = updateEnvelope({
    authorSigningSeed,
    authorKeyId: author.keyId,
    contentKey: keys.encryptionKey,
    workspaceId: Buffer.alloc(16),
    documentId: keys.noteId,
    keyEpoch: 0,
    sequence,
    previousHash,
    nonce,
    plaintext: cat(kindAndCovers, body),
  });

  const prefix = cat(Buffer.from([0x02]), kindAndCovers, author.signingPublic, author.agreementPublic);
  check(prefix.length === 74, 'the envelope starts at offset 74');
  const signed = cat(prefix, envelope, keys.writePublic); // bytes 0..106+m
  const signature = ed25519Sign(keys.writeSeed, cat(LABEL.noteItemWriteSignature, signed));
  const encoded = cat(signed, signature);
  check(encoded.length === 74 + envelope.length + 32 + 64, 'note item length is 170 + m');
  // Shortest item: an envelope with the shortest body the envelope parser accepts (n = 72).
  check(encoded.length >= 74 + (97 + 72 + 64) + 96, 'note item is at least the minimum length');
  // The chain hash is the envelope's: SHA-256("vellum/v1/update-envelope/hash", whole envelope).
  return { encoded, chainHash };
}

// ---------------------------------------------------------------------------------------------------------
// Fixed inputs (generated once from a CSPRNG and pasted here)
// ---------------------------------------------------------------------------------------------------------

const IDENTITY_INPUTS = [
  { signingSeed: 'e83aba725925c3ce3a9b2c3c37a54254750b972b29222ec849f523bd322e7850',
    agreementPrivate: '599c16b26507c849c0702dff280054af14126c37b5bb8e56c7b94df47c9d9327' },
  { signingSeed: 'a7e2ffafe96c52c51810d7440635aa4b3b7011b08949f7ce8b713ca00c6ff8c6',
    agreementPrivate: '5c029ac13ec6b4f83ce2e18876ba51cf107b4f3da54cd8fd5806d1e3d44cc37a' },
  { signingSeed: 'd76887d2c3f485484202710e8a61d796be42dbb6f6b91711aac4f25ddc4b3366',
    agreementPrivate: '375f19d85ec3ec60a2adc013a01845e7bacb72385f4b9a634f33e8a627838f60' },
];

const SAFETY_NUMBER_PAIRS = [
  { first: 0, second: 1 },
  { first: 1, second: 0 }, // the same pair swapped: the number must be identical
];

const NOTE_SECRETS = [
  'a5914acd7eac48b33afba120fc10e96ce7a97249a282605b7b10b8151be9bc4f',
  'eff751e74b5052033fd7fb6d4b211d5ed6432169c17d514d9153e986c2ddef1a',
  'bea2de39c89cb7fbbe3f8ca2331449e90619f1b65c9b8af0c0901028c4114a9d',
];

const COMMITTING_AEAD_INPUTS = [
  { // empty plaintext and empty associated data: output is exactly the 72 bytes of overhead
    key: '69f2043eddab6f209045fd019e7501a9455a585c156daf23f5027f875fdab8f9',
    nonce: '9d0866649cb6b80fef25c6069fc16d298ea103f9a0accc69',
    plaintext: '', aad: '' },
  { // short plaintext and associated data
    key: 'a2a791baa3c7fb64c029d1723c7cfb9cb6b816782121193a2c01365457496aa6',
    nonce: 'd81e32d0267ca6eeaa835bd4770f5d77908a5edf0f254518',
    plaintext: toHex(ascii('Vellum committing AEAD')),
    aad: toHex(ascii('associated data')) },
  { // plaintext longer than one 64-byte ChaCha20 block, associated data but the same key as the entry above
    key: 'a2a791baa3c7fb64c029d1723c7cfb9cb6b816782121193a2c01365457496aa6',
    nonce: '086f1fb9bdcaf9f9591e27c08732e9bc4b67fcbced609e89',
    plaintext: toHex(ascii('A longer plaintext that spans more than one ChaCha20 block of sixty-four bytes, '
      + 'so that the block counter advances past one.')),
    aad: '0102030405060708090a0b0c0d0e0f10' },
];

const PADME_LENGTHS = [0, 1, 9, 1000, 1025, 70000];

const UPDATE_INPUTS = {
  author: 0,
  contentKey: '7ee8fb7d70ed30d29f84b7708e5b8c0cc49cd09bdb0f178d51aa5629a7010b3c',
  workspaceId: 'a9f4fd1f01b511ccad3dd3b9da99fc51',
  documentId: '4d7fd97130c5db92ca9e9b28849a04de',
  keyEpoch: 3,
  updates: [
    { sequence: 1, nonce: '2ba41c35eb78aab04f0005e98a33fb8b429983d6fc7d6981', plaintext: toHex(ascii('first update')) },
    { sequence: 2, nonce: 'bb1c4e97cc4dfa5e46384343a702b971f25af1c808546686',
      plaintext: toHex(ascii('second update, chained to the first by its chain hash')) },
  ],
};

// One author's items in one note, chained in this order (each names the chain hash of the one before). The
// bodies are opaque at this layer (a text update or a snapshot body to the client); these are plain UTF-8.
const NOTE_ITEM_INPUTS = {
  secret: '908ac975b56bb548c6cf1c45170e101bf417b68f4a79bf744b0c857f3b83d811',
  author: 1,
  items: [
    { kind: NOTE_ITEM_KIND.update, covers: 0, sequence: 1, nonce: 'e8f500d006b04b21a749ff089c0282f256e8bf8b35d0ef9b',
      body: toHex(Buffer.from('first update to the note', 'utf8')) },
    { kind: NOTE_ITEM_KIND.update, covers: 0, sequence: 2, nonce: '5676ecc9fc8568d4595d42e53059e9f043e641752b093148',
      body: toHex(Buffer.from('second update — Grüße aus Vellum, café ✓', 'utf8')) },
    { kind: NOTE_ITEM_KIND.snapshot, covers: 7, sequence: 3, nonce: '1b40286280bd1278e920fb7a097ed01a1eee15561301eb84',
      body: toHex(Buffer.from('a snapshot of the note as of revision 7', 'utf8')) },
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Generate
// ---------------------------------------------------------------------------------------------------------

const identities = IDENTITY_INPUTS.map((input, i) => {
  const id = identity(hex(input.signingSeed), hex(input.agreementPrivate));
  return {
    tcId: String(i + 1),
    signingSeed: input.signingSeed,
    agreementPrivate: input.agreementPrivate,
    signingPublic: toHex(id.signingPublic),
    agreementPublic: toHex(id.agreementPublic),
    keyId: toHex(id.keyId),
    fingerprint: toHex(id.fingerprint),
  };
});

const safetyNumbers = SAFETY_NUMBER_PAIRS.map(({ first, second }, i) => ({
  tcId: String(i + 1),
  first,
  second,
  digits: safetyNumber(hex(identities[first].fingerprint), hex(identities[second].fingerprint)),
}));
check(safetyNumbers[0].digits === safetyNumbers[1].digits, 'safety number is symmetric');
check(/^[0-9]{60}$/.test(safetyNumbers[0].digits), 'safety number is 60 digits');

const noteKeyVectors = NOTE_SECRETS.map((secret, i) => {
  const k = noteKeys(hex(secret));
  check(k.noteIdText.length === 22, 'note id text is 22 characters');
  return {
    tcId: String(i + 1),
    secret,
    encryptionKey: toHex(k.encryptionKey),
    writeSeed: toHex(k.writeSeed),
    writePublic: toHex(k.writePublic),
    noteId: toHex(k.noteId),
    noteIdText: k.noteIdText,
  };
});

const committingAead = COMMITTING_AEAD_INPUTS.map((input, i) => ({
  tcId: String(i + 1),
  ...input,
  ciphertext: toHex(committingAeadEncrypt(hex(input.key), hex(input.nonce), hex(input.plaintext), hex(input.aad))),
}));

const padmeVectors = PADME_LENGTHS.map((dataLength, i) => ({
  tcId: String(i + 1),
  dataLength,
  paddedLength: padme(dataLength + 1),
}));

const updateEnvelopes = [];
{
  const authorInput = IDENTITY_INPUTS[UPDATE_INPUTS.author];
  let previousHash = Buffer.alloc(32); // all zero for sequence 1
  UPDATE_INPUTS.updates.forEach((u, i) => {
    const { envelope, chainHash } = updateEnvelope({
      authorSigningSeed: hex(authorInput.signingSeed),
      authorKeyId: hex(identities[UPDATE_INPUTS.author].keyId),
      contentKey: hex(UPDATE_INPUTS.contentKey),
      workspaceId: hex(UPDATE_INPUTS.workspaceId),
      documentId: hex(UPDATE_INPUTS.documentId),
      keyEpoch: UPDATE_INPUTS.keyEpoch,
      sequence: u.sequence,
      previousHash,
      nonce: hex(u.nonce),
      plaintext: hex(u.plaintext),
    });
    updateEnvelopes.push({
      tcId: String(i + 1),
      author: UPDATE_INPUTS.author,
      contentKey: UPDATE_INPUTS.contentKey,
      workspaceId: UPDATE_INPUTS.workspaceId,
      documentId: UPDATE_INPUTS.documentId,
      keyEpoch: UPDATE_INPUTS.keyEpoch,
      sequence: u.sequence,
      previousHash: toHex(previousHash),
      nonce: u.nonce,
      plaintext: u.plaintext,
      envelope: toHex(envelope),
      chainHash: toHex(chainHash),
    });
    previousHash = chainHash; // the next update names this one's chain hash
  });
}

const noteItems = [];
{
  const authorInput = IDENTITY_INPUTS[NOTE_ITEM_INPUTS.author];
  let previousHash = Buffer.alloc(32); // all zero for sequence 1
  NOTE_ITEM_INPUTS.items.forEach((item, i) => {
    const { encoded, chainHash } = noteItem({
      secret: hex(NOTE_ITEM_INPUTS.secret),
      authorSigningSeed: hex(authorInput.signingSeed),
      authorAgreementPrivate: hex(authorInput.agreementPrivate),
      kind: item.kind,
      covers: item.covers,
      sequence: item.sequence,
      previousHash,
      nonce: hex(item.nonce),
      body: hex(item.body),
    });
    noteItems.push({
      tcId: String(i + 1),
      secret: NOTE_ITEM_INPUTS.secret,
      author: NOTE_ITEM_INPUTS.author,
      kind: item.kind,
      covers: item.covers,
      sequence: item.sequence,
      previousHash: toHex(previousHash),
      nonce: item.nonce,
      body: item.body,
      encoded: toHex(encoded),
      chainHash: toHex(chainHash),
    });
    previousHash = chainHash; // updates and snapshots share one chain per author and note
  });
}

const output = {
  source: 'Vellum v1 constructions, generated by generate.mjs from docs/protocol.md alone with Node\'s crypto module',
  identities,
  safetyNumbers,
  noteKeys: noteKeyVectors,
  committingAead,
  padme: padmeVectors,
  updateEnvelopes,
  noteItems,
};

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'vellum-v1.json'), JSON.stringify(output, null, 2) + '\n', 'utf8');
console.log(`wrote ${join(here, 'vellum-v1.json')}`);
