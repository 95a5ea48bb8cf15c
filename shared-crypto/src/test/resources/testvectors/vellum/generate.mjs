// Known-answer test vectors for Vellum's own constructions (vellum-v1.json).
//
// This is an independent second implementation, written from docs/protocol.md alone (plus the RFCs and
// draft-irtf-cfrg-xchacha-03 it cites), using Node's built-in `crypto` module and, for Argon2id alone (which Node
// 20 lacks), the `hash-wasm` package pinned in package-lock.json. It deliberately does not look at the Java sources.
// Section names in the comments below are headings of docs/protocol.md.
//
// Every "random" input is a fixed hex constant, so running
//
//     npm ci && node generate.mjs
//
// in this folder rewrites vellum-v1.json byte for byte the same. Byte values in the JSON are lowercase hex
// without separators; an empty string means zero bytes.

import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argon2id } from 'hash-wasm'; // Argon2id only; `npm ci` in this folder installs the pinned version

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
function uint16be(n) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
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
  noteItemCredential: ascii('vellum/v1/note-item/credential'),
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
//
// Version 3 (an account's device, "Note item, versions 2 and 3"): version 0x03 and, between the author keys and
// the envelope, a 2-byte unsigned length c (1 to 250) and the c bytes of the author's device certificate, whose
// device keys are the author keys. Everything after shifts by 2 + c; the write signature covers the certificate.
function noteItem({ secret, authorSigningSeed, authorAgreementPrivate, kind, covers, sequence, previousHash, nonce,
  body, credential = null }) {
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
    // Version 3 ("Note item, versions 2 and 3"): the kind byte gets 0x80 and the certificate's labeled hash
    // follows the coverage, binding it under the author's signature.
    plaintext: credential === null ? cat(kindAndCovers, body)
      : cat(Buffer.from([kind | 0x80]), int64be(covers), sha256(LABEL.noteItemCredential, credential), body),
  });

  const version = credential === null ? 0x02 : 0x03;
  const authorPart = cat(Buffer.from([version]), kindAndCovers, author.signingPublic, author.agreementPublic);
  check(authorPart.length === 74, 'the author keys end at offset 74');
  let prefix = authorPart;
  if (credential !== null) {
    check(credential.length >= 1 && credential.length <= 250, 'a credential is 1 to 250 bytes');
    prefix = cat(authorPart, uint16be(credential.length), credential);
  }
  const shift = prefix.length - 74; // 0 for version 2, 2 + c for version 3
  const signed = cat(prefix, envelope, keys.writePublic); // bytes 0..106+m (+ shift)
  const signature = ed25519Sign(keys.writeSeed, cat(LABEL.noteItemWriteSignature, signed));
  const encoded = cat(signed, signature);
  check(encoded.length === 74 + shift + envelope.length + 32 + 64, 'note item length is 170 + m (+ 2 + c)');
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

// ---------------------------------------------------------------------------------------------------------
// Accounts (protocol.md "Accounts" and its subsections)
// ---------------------------------------------------------------------------------------------------------

const ACCOUNT_LABEL = {
  standInSalt: ascii('vellum/v1/account/stand-in-salt'),
  wrappingKey: ascii('vellum/v1/account/wrapping-key'),
  authKey: ascii('vellum/v1/account/auth-key'),
  verifier: ascii('vellum/v1/account/verifier'),
  recoveryWrappingKey: ascii('vellum/v1/recovery/wrapping-key'),
  recoveryAuthKey: ascii('vellum/v1/recovery/auth-key'),
  sessionWrappingKey: ascii('vellum/v1/session/wrapping-key'),
  sealedKeysAd: ascii('vellum/v1/sealed-keys/ad'),
  deviceCertificateSignature: ascii('vellum/v1/device-certificate/signature'),
  loginProofSignature: ascii('vellum/v1/login-proof/signature'),
};

function hmacSha256(key, ...parts) {
  const h = crypto.createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest();
}

// Usernames ("Usernames"): fold fullwidth ASCII forms U+FF01..U+FF5E to ASCII (U+FF01 is '!', so subtract
// 0xFEE0), lower-case A-Z; then 3 to 32 characters of a-z 0-9 . _ -, starting and ending with a letter or digit.
// Nothing else is mapped: any other character refuses the name. Returns { normal } or { refused: reason }.
function normaliseUsername(raw) {
  let normal = '';
  for (const ch of raw) { // iterates code points, so an emoji is one (refused) character, not two surrogates
    let cp = ch.codePointAt(0);
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
    const c = String.fromCodePoint(cp);
    if (!/^[a-z0-9._-]$/.test(c)) {
      return { refused: `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed` };
    }
    normal += c;
  }
  if (normal.length < 3 || normal.length > 32) return { refused: `${normal.length} characters, not 3 to 32` };
  if (!/^[a-z0-9]/.test(normal) || !/[a-z0-9]$/.test(normal)) {
    return { refused: 'does not start and end with a letter or digit' };
  }
  return { normal };
}

// Argon2id (RFC 9106, version 0x13) from hash-wasm, the one dependency (pinned in package-lock.json). Checked
// here against the reference implementation's known answer (phc-winner-argon2 src/test.c, Argon2id v0x13:
// t = 2, m = 2^16 KiB, p = 1, "password", "somesalt"), since hash-wasm takes no associated data and so cannot run
// RFC 9106 section 5.3 (which the JVM and browser tests check against Vellum's own Argon2id).
async function argon2idRaw(password, salt, { memoryKiB, iterations, parallelism }, length) {
  const out = await argon2id({ password: new Uint8Array(password), salt: new Uint8Array(salt), iterations,
    parallelism, memorySize: memoryKiB, hashLength: length, outputType: 'binary' });
  return Buffer.from(out);
}
check(toHex(await argon2idRaw(ascii('password'), ascii('somesalt'),
  { memoryKiB: 65536, iterations: 2, parallelism: 1 }, 32))
  === '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7', 'Argon2id reference test vector');

// Passphrase keys ("Passphrase keys"): secret = Argon2id(UTF-8 passphrase, salt, cost, 32 bytes), then two
// HKDF-SHA256 expansions with an empty salt. The passphrase is taken as typed: no Unicode normalisation.
async function passphraseKeys(passphrase, salt, cost) {
  check(salt.length === 16, 'an account salt is 16 bytes');
  const secret = await argon2idRaw(Buffer.from(passphrase, 'utf8'), salt, cost, 32);
  return {
    secret,
    wrappingKey: hkdfSha256(secret, Buffer.alloc(0), ACCOUNT_LABEL.wrappingKey, 32),
    authKey: hkdfSha256(secret, Buffer.alloc(0), ACCOUNT_LABEL.authKey, 32),
  };
}

// Stand-in salt: HMAC-SHA256(server secret, "vellum/v1/account/stand-in-salt" || username)[0..16], the username in
// its normal form (ASCII).
function standInSalt(serverSecret, username) {
  return hmacSha256(serverSecret, ACCOUNT_LABEL.standInSalt, ascii(username)).subarray(0, 16);
}

// What the server stores for an authentication key: salt' (16) || HMAC-SHA256(salt', "vellum/v1/account/verifier"
// || authentication key).
function authKeyHash(authKey, hashSalt) {
  check(authKey.length === 32 && hashSalt.length === 16, 'auth key hash input sizes');
  return cat(hashSalt, hmacSha256(hashSalt, ACCOUNT_LABEL.verifier, authKey));
}

// Recovery key ("Recovery key"): 20 bytes as 32 Crockford base32 characters, most significant bits first, in
// eight groups of four joined by '-'.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // 0-9 A-Z without I L O U
check(CROCKFORD.length === 32, 'Crockford base32 has 32 symbols');

function recoveryDisplay(key) {
  check(key.length === 20, 'a recovery key is 20 bytes');
  let bits = 0n;
  for (const b of key) bits = (bits << 8n) | BigInt(b);
  let chars = '';
  for (let i = 31; i >= 0; i--) chars += CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)];
  return chars.match(/.{4}/g).join('-');
}

// Typed back: spaces, tabs, line breaks and dashes ignored; ASCII a-z read as A-Z and no other character
// case-mapped (String.prototype.toUpperCase would turn U+0131 into I and U+00DF into SS); I and L read as 1, O as 0.
// Returns the 20 bytes or null.
function recoveryParse(text) {
  const cleaned = text.replace(/[ \t\r\n-]/g, '').replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/[IL]/g, '1').replace(/O/g, '0');
  if (cleaned.length !== 32) return null;
  let bits = 0n;
  for (const c of cleaned) {
    const v = CROCKFORD.indexOf(c);
    if (v < 0) return null;
    bits = (bits << 5n) | BigInt(v);
  }
  const key = Buffer.alloc(20);
  for (let i = 19; i >= 0; i--) { key[i] = Number(bits & 0xffn); bits >>= 8n; }
  return key;
}

function recoveryKeys(key) {
  return {
    wrappingKey: hkdfSha256(key, Buffer.alloc(0), ACCOUNT_LABEL.recoveryWrappingKey, 32),
    authKey: hkdfSha256(key, Buffer.alloc(0), ACCOUNT_LABEL.recoveryAuthKey, 32),
  };
}

// The session's wrapping key ("Sealed keys, version 1"): HKDF-SHA256(session secret, empty,
// "vellum/v1/session/wrapping-key", 32).
const sessionWrappingKey = (sessionSecret) =>
  hkdfSha256(sessionSecret, Buffer.alloc(0), ACCOUNT_LABEL.sessionWrappingKey, 32);

const SEALED_KEYS_PURPOSE = { accountPassphrase: 1, accountRecovery: 2, deviceLocal: 3, deviceSession: 4 };

// Sealed keys, version 1: version 0x01 || purpose (1) || account id (16) || count c (1) || each pair's public keys
// (Ed25519 32, X25519 32) || committing AEAD of each pair's Ed25519 seed then X25519 scalar, with
// "vellum/v1/sealed-keys/ad" || bytes 0..19+64c as associated data. `publicPairs` lets a vector list public keys
// other than the ones the private keys give (an authentic bundle that lies about its keys).
function sealKeys({ purpose, accountId, pairs, wrappingKey, nonce, publicPairs = null }) {
  check(accountId.length === 16, 'account id is 16 bytes');
  const listed = publicPairs ?? pairs.map((p) => identity(p.signingSeed, p.agreementPrivate));
  const head = cat(Buffer.from([0x01, purpose]), accountId, Buffer.from([pairs.length]),
    ...listed.map((id) => cat(id.signingPublic, id.agreementPublic)));
  check(head.length === 19 + 64 * pairs.length, 'sealed keys header length');
  const plaintext = cat(...pairs.map((p) => cat(p.signingSeed, p.agreementPrivate)));
  const sealed = cat(head, committingAeadEncrypt(wrappingKey, nonce, plaintext, cat(ACCOUNT_LABEL.sealedKeysAd, head)));
  check(sealed.length === 19 + 128 * pairs.length + 72 && sealed.length <= 4096, 'sealed keys length');
  return sealed;
}

// Device certificate, version 1: version 0x01 || account id (16) || username length u (1) || username (ASCII) ||
// identity Ed25519 || identity X25519 || device Ed25519 || device X25519 || issued at (8, signed) || Ed25519
// signature by the identity over "vellum/v1/device-certificate/signature" || bytes 0..154+u. `username` is written
// as given, so a refused vector can carry a name that is not in normal form under a valid signature.
function deviceCertificate({ identitySeed, identityAgreementPrivate, accountId, username, device, issuedAtMillis,
  version = 0x01 }) {
  const id = identity(identitySeed, identityAgreementPrivate);
  const name = ascii(username);
  const signed = cat(Buffer.from([version]), accountId, Buffer.from([name.length]), name, id.signingPublic,
    id.agreementPublic, device.signingPublic, device.agreementPublic, int64be(issuedAtMillis));
  check(signed.length === 154 + name.length, 'device certificate signed part');
  const encoded = cat(signed, ed25519Sign(identitySeed, cat(ACCOUNT_LABEL.deviceCertificateSignature, signed)));
  check(encoded.length <= 250 || name.length > 32, 'a device certificate is at most 250 bytes');
  return encoded;
}

// Login proof: the device's Ed25519 signature over "vellum/v1/login-proof/signature" || challenge (32) || account
// id (16) || device Ed25519 public key (32).
function loginProof(deviceSeed, challenge, accountId) {
  check(challenge.length === 32 && accountId.length === 16, 'login proof input sizes');
  return ed25519Sign(deviceSeed, cat(ACCOUNT_LABEL.loginProofSignature, challenge, accountId, ed25519Public(deviceSeed)));
}

// --- Fixed inputs (generated once from a CSPRNG and pasted here) ------------------------------------------

const ACCOUNT_INPUTS = {
  accountId: '7a6ca6caff83fc64e10f9998da5675db',
  otherAccountId: 'e04d3d4267056ab42b03b6768ab00a02',
  identity: { signingSeed: '235424cd2b119acf7773ab775256c0c11e1e96d006d856377d7898be1c19820d',
    agreementPrivate: 'c78664792b1e650670fa1e6abb09b216eca650e90bbbb9653aca564eeb287947' },
  devices: [
    { signingSeed: 'a215921d1cbefdbd88bbdcb1d24865fdbd78970bea1333d7970837452c251fb7',
      agreementPrivate: '636e63b70328ceb69bdd1f2138f9fce782938e2746be338660f1bc21fa241f55' },
    { signingSeed: 'a79c47ecd95480a4ab527e59294902342f380577a43a19e4129876cee85b3848',
      agreementPrivate: 'b283cab39958f0e73519d12895c150bdd26574d8e3a3dfb2e0f9cbda3b609d30' },
  ],
  serverSecret: '5d494a92cbc31680ddc80ee4e62c3eab5cfc06ec222dfff4f4a4f775beda5ad8',
  sessionSecret: 'a84bb497bd165c70dd693954e572d3427941c15287a9e67d395f39e0bf45755b',
  challenge: '3e25ee8971f319482fe17aaf77d1ff3b76d3628abfa9675ffe4637bb3efc3727',
};

// The real cost ("Argon2id": 64 MiB, 3 passes, 1 lane) once, and a cheap cost where the point is the passphrase
// bytes, not the work.
const ACCOUNT_COST = { memoryKiB: 65536, iterations: 3, parallelism: 1 };
const CHEAP_COST = { memoryKiB: 64, iterations: 1, parallelism: 1 };

const PASSPHRASE_INPUTS = [
  { passphrase: 'correct horse battery staple', salt: '706b058b5951d34a66ce74fbbd216433', cost: ACCOUNT_COST },
  { passphrase: 'Grüße aus Vellum, café ✓ 🔑', salt: 'a37e39cc4fa7b715d44361241e86896f', cost: CHEAP_COST },
  // The same word composed (U+00E9) and decomposed (e U+0301): different UTF-8, so different keys.
  { passphrase: 'caf\u00e9 au lait', salt: 'a37e39cc4fa7b715d44361241e86896f', cost: CHEAP_COST },
  { passphrase: 'cafe\u0301 au lait', salt: 'a37e39cc4fa7b715d44361241e86896f', cost: CHEAP_COST },
];

const USERNAME_INPUTS = [
  'alice', 'Alice.Smith', 'ＡＬＩＣＥ', 'ｂｏｂ＿９９', 'x-y', 'abc', 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6', '007',
  'ab', 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q', '', '.alice', 'alice.', '_bob', 'bob-', '－bob',
  '\u0430lice', // Cyrillic а
  '\u03bfscar', // Greek ο
  'café', 'al ice', 'alice\u200b', 'alice😀', '\u212aelvin', // Kelvin sign, which full Unicode case folding maps to k
  '\u0130stanbul', // Turkish dotted capital I
  'ａｌｉｃｅ！', // fullwidth '!' folds to '!', which is refused
  'alice\u3000', // ideographic space: not in U+FF01..U+FF5E
  'bob\uff5f', // U+FF5F, just past the fullwidth ASCII forms
  'AB\u00a0C',
];

const STAND_IN_USERNAMES = ['alice', 'bob.smith', 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6'];

const AUTH_KEY_HASH_SALTS = ['f6b28979ebd00822b295887acdd8da8a', 'e092282f1301cc079febf31f3b68a02e'];

const RECOVERY_KEY_INPUTS = [
  '412eab488d9bfd1c278db6632d60c0fb0ba4d713',
  'fe60bf060bf64eaea9666c4c27b8caa4b66d6012',
  '0000000000000000000000000000000000000000',
  'ffffffffffffffffffffffffffffffffffffffff',
];

const SEALED_KEYS_NONCES = [
  'dcde57816a68c46e49347a4f29f392072cdc484ccb887d4c',
  '77fa0b66e392db5f10ab416f71ce709e04fdd027c5435d67',
  '2bd1ec0968782f8051f4ddacd081e37abe61976498324c58',
  '43559a688250da6dfb16f7e03b9302209618ee1534173e99',
  '87f72172dc81f57b2880b355397ac958fea0ac4c3a5b15e0', // the bundle that lists the wrong public keys
];

const ISSUED_AT = [Date.UTC(2026, 11, 1, 9, 30, 0, 123), Date.UTC(2026, 11, 2, 0, 0, 0, 0)];

const NOTE_ITEM_V3_INPUTS = {
  secret: 'e07bf6f9437d802974270e16e620af22f3aed5176936e0af7a5150f8f3d97c70',
  items: [
    { kind: NOTE_ITEM_KIND.update, covers: 0, sequence: 1, nonce: 'ce7c11572121dc84146e10a55535bc6ea175b60a6d6a1c11',
      body: toHex(Buffer.from('written by alice on her laptop', 'utf8')) },
    { kind: NOTE_ITEM_KIND.snapshot, covers: 1, sequence: 2, nonce: '947a060fa51aa1750ad1d928878217b232e351f09a5109d7',
      body: toHex(Buffer.from('a snapshot by a logged-in author', 'utf8')) },
  ],
};

// --- Generate ---------------------------------------------------------------------------------------------

const pairOf = (input) => ({ signingSeed: hex(input.signingSeed), agreementPrivate: hex(input.agreementPrivate) });
const accountId = hex(ACCOUNT_INPUTS.accountId);
const accountIdentity = pairOf(ACCOUNT_INPUTS.identity);
const devicePairs = ACCOUNT_INPUTS.devices.map(pairOf);
const devicePublics = devicePairs.map((p) => identity(p.signingSeed, p.agreementPrivate));

const accountPublic = (() => {
  const id = identity(accountIdentity.signingSeed, accountIdentity.agreementPrivate);
  const devices = devicePublics.map((d, i) => ({
    signingSeed: ACCOUNT_INPUTS.devices[i].signingSeed,
    agreementPrivate: ACCOUNT_INPUTS.devices[i].agreementPrivate,
    signingPublic: toHex(d.signingPublic),
    agreementPublic: toHex(d.agreementPublic),
  }));
  return {
    accountId: ACCOUNT_INPUTS.accountId,
    accountIdText: base64urlUnpadded(accountId),
    otherAccountId: ACCOUNT_INPUTS.otherAccountId,
    identity: { ...ACCOUNT_INPUTS.identity, signingPublic: toHex(id.signingPublic),
      agreementPublic: toHex(id.agreementPublic) },
    devices,
    serverSecret: ACCOUNT_INPUTS.serverSecret,
    sessionSecret: ACCOUNT_INPUTS.sessionSecret,
    sessionWrappingKey: toHex(sessionWrappingKey(hex(ACCOUNT_INPUTS.sessionSecret))),
  };
})();

const usernames = USERNAME_INPUTS.map((input, i) => {
  const result = normaliseUsername(input);
  return { tcId: String(i + 1), input, inputUtf8: toHex(Buffer.from(input, 'utf8')),
    ...(result.normal !== undefined ? { normal: result.normal } : { refused: result.refused }) };
});

const passphraseKeyVectors = [];
for (const [i, input] of PASSPHRASE_INPUTS.entries()) {
  const keys = await passphraseKeys(input.passphrase, hex(input.salt), input.cost);
  passphraseKeyVectors.push({ tcId: String(i + 1), passphrase: input.passphrase,
    passphraseUtf8: toHex(Buffer.from(input.passphrase, 'utf8')), salt: input.salt, ...input.cost,
    secret: toHex(keys.secret), wrappingKey: toHex(keys.wrappingKey), authKey: toHex(keys.authKey) });
}
check(passphraseKeyVectors[2].authKey !== passphraseKeyVectors[3].authKey, 'no Unicode normalisation');

const standInSalts = STAND_IN_USERNAMES.map((username, i) => ({ tcId: String(i + 1),
  serverSecret: ACCOUNT_INPUTS.serverSecret, username,
  salt: toHex(standInSalt(hex(ACCOUNT_INPUTS.serverSecret), username)) }));

const recoveryKeyVectors = RECOVERY_KEY_INPUTS.map((key, i) => {
  const display = recoveryDisplay(hex(key));
  check(recoveryParse(display).equals(hex(key)), 'recovery key display round trip');
  const keys = recoveryKeys(hex(key));
  return { tcId: String(i + 1), key, display, wrappingKey: toHex(keys.wrappingKey), authKey: toHex(keys.authKey) };
});

// The authentication keys the server hashes: the passphrase's (entry 1) and the recovery key's (entry 1).
const authKeyHashes = [
  { source: 'passphraseKeys 1', authKey: passphraseKeyVectors[0].authKey },
  { source: 'recoveryKeys 1', authKey: recoveryKeyVectors[0].authKey },
].map((input, i) => ({ tcId: String(i + 1), ...input, hashSalt: AUTH_KEY_HASH_SALTS[i],
  encoded: toHex(authKeyHash(hex(input.authKey), hex(AUTH_KEY_HASH_SALTS[i]))) }));

const recoveryKeyParsing = (() => {
  const display = recoveryKeyVectors[0].display;
  const bare = display.replace(/-/g, '');
  const withLookAlikes = (s) => s.replace(/1/g, 'l').replace(/0/g, 'O'); // read back as 1 and 0
  const cases = [
    { input: display, key: recoveryKeyVectors[0].key },
    { input: display.toLowerCase(), key: recoveryKeyVectors[0].key },
    { input: bare, key: recoveryKeyVectors[0].key },
    { input: ` ${bare.match(/.{8}/g).join(' ')} `, key: recoveryKeyVectors[0].key },
    { input: withLookAlikes(recoveryKeyVectors[1].display), key: recoveryKeyVectors[1].key },
    { input: withLookAlikes(recoveryKeyVectors[1].display).replace(/l/g, 'I'), key: recoveryKeyVectors[1].key },
    { input: withLookAlikes(recoveryKeyVectors[1].display).toLowerCase().replace(/l/g, 'i'),
      key: recoveryKeyVectors[1].key },
    { input: recoveryKeyVectors[3].display.toLowerCase(), key: recoveryKeyVectors[3].key },
    { input: 'oooo-oooo-oooo-oooo-oooo-oooo-oooo-oooo', key: recoveryKeyVectors[2].key },
    { input: display.slice(0, -1), key: null }, // 31 characters
    { input: `${display}0`, key: null }, // 33 characters
    { input: `U${display.slice(1)}`, key: null }, // U is not in the alphabet
    { input: `${display.slice(0, -1)}*`, key: null },
    { input: `${display.slice(0, -1)}é`, key: null },
    { input: '', key: null },
    { input: `${bare.slice(0, 8)}\t${bare.slice(8, 16)}\r\n${bare.slice(16, 24)}\n${bare.slice(24)}\n`,
      key: recoveryKeyVectors[0].key }, // pasted across lines
    { input: recoveryKeyVectors[1].display.toLowerCase().replace('y', 'u'), key: null }, // u, like U, is refused
    // Characters that full Unicode case mapping would turn into alphabet letters: refused, not mapped.
    { input: recoveryKeyVectors[1].display.replace('1', '\u0131'), key: null }, // dotless i, upper case I
    { input: recoveryKeyVectors[1].display.replace('S', '\u017f'), key: null }, // long s, upper case S
    { input: `${display.slice(0, -2)}\u00df`, key: null }, // sharp s, upper case SS
    { input: display.replace('A', '\uff21'), key: null }, // fullwidth A
    { input: display.replace('-', '\u00a0'), key: null }, // no-break space
  ];
  return cases.map((c, i) => {
    const parsed = recoveryParse(c.input);
    check(c.key === null ? parsed === null : parsed !== null && toHex(parsed) === c.key, `recovery parse ${i + 1}`);
    return { tcId: String(i + 1), input: c.input, ...(c.key === null ? { refused: true } : { key: c.key }) };
  });
})();

// All four purposes: the account's identity under the passphrase (entry 1 of passphraseKeys) and under the
// recovery key (entry 1 of recoveryKeys); a device's keys with the identity under the passphrase and under the
// session's wrapping key. Account bundles hold [identity]; device records [device, identity].
const SEALED_KEYS_PLAN = [
  { purpose: SEALED_KEYS_PURPOSE.accountPassphrase, wrappingKeyFrom: 'passphraseKeys 1', pairs: ['identity'] },
  { purpose: SEALED_KEYS_PURPOSE.accountRecovery, wrappingKeyFrom: 'recoveryKeys 1', pairs: ['identity'] },
  { purpose: SEALED_KEYS_PURPOSE.deviceLocal, wrappingKeyFrom: 'passphraseKeys 1', pairs: ['device 1', 'identity'] },
  { purpose: SEALED_KEYS_PURPOSE.deviceSession, wrappingKeyFrom: 'session', pairs: ['device 1', 'identity'] },
];
const wrappingKeyOf = (name) => hex({ 'passphraseKeys 1': passphraseKeyVectors[0].wrappingKey,
  'recoveryKeys 1': recoveryKeyVectors[0].wrappingKey, session: accountPublic.sessionWrappingKey }[name]);
const pairNamed = (name) => ({ identity: accountIdentity, 'device 1': devicePairs[0], 'device 2': devicePairs[1] }[name]);

const sealedKeys = SEALED_KEYS_PLAN.map((plan, i) => ({
  tcId: String(i + 1), ...plan, accountId: ACCOUNT_INPUTS.accountId, nonce: SEALED_KEYS_NONCES[i],
  sealed: toHex(sealKeys({ purpose: plan.purpose, accountId, pairs: plan.pairs.map(pairNamed),
    wrappingKey: wrappingKeyOf(plan.wrappingKeyFrom), nonce: hex(SEALED_KEYS_NONCES[i]) })),
}));

// Bundles that opening must refuse, each opened as purpose `purpose` of account `accountId` under the wrapping key
// named. `form: true` marks the ones that the server's form check alone refuses too.
const sealedKeysRefused = (() => {
  const first = hex(sealedKeys[0].sealed);
  const device = hex(sealedKeys[2].sealed);
  const flip = (bytes, at) => { const b = Buffer.from(bytes); b[at] ^= 0x01; return b; };
  const setByte = (bytes, at, value) => { const b = Buffer.from(bytes); b[at] = value; return b; };
  const base = { purpose: 1, accountId: ACCOUNT_INPUTS.accountId, wrappingKeyFrom: 'passphraseKeys 1' };
  const cases = [
    { reason: 'wrong wrapping key (the recovery key\'s)', ...base, wrappingKeyFrom: 'recoveryKeys 1', sealed: first,
      form: false },
    { reason: 'a ciphertext byte changed', ...base, sealed: flip(first, first.length - 20), form: false },
    { reason: 'the commitment changed', ...base, sealed: flip(first, 19 + 64 + 24), form: false },
    { reason: 'a listed X25519 public key changed', ...base, sealed: flip(first, 19 + 32 + 5), form: false },
    { reason: 'the account id changed', ...base, sealed: flip(first, 2), form: false },
    { reason: 'opened as another account', ...base, accountId: ACCOUNT_INPUTS.otherAccountId, sealed: first,
      form: false },
    { reason: 'opened as another purpose (device/passphrase)', ...base, purpose: 3, sealed: first, form: true },
    { reason: 'the purpose byte changed to another valid purpose', ...base, sealed: setByte(first, 1, 3),
      form: true },
    { reason: 'the two pairs\' public keys swapped', ...base, purpose: 3,
      sealed: Buffer.concat([device.subarray(0, 19), device.subarray(83, 147), device.subarray(19, 83),
        device.subarray(147)]), form: false },
    { reason: 'authentic, but the listed public keys are not the sealed private keys\'', ...base,
      sealed: sealKeys({ purpose: 1, accountId, pairs: [accountIdentity], wrappingKey: wrappingKeyOf('passphraseKeys 1'),
        nonce: hex(SEALED_KEYS_NONCES[4]), publicPairs: [devicePublics[0]] }), form: false },
    { reason: 'version 2', ...base, sealed: setByte(first, 0, 0x02), form: true },
    { reason: 'purpose 0', ...base, sealed: setByte(first, 1, 0), form: true },
    { reason: 'purpose 5', ...base, sealed: setByte(first, 1, 5), form: true },
    { reason: 'count 0 (authentic, lengths consistent)', ...base,
      sealed: sealKeys({ purpose: 1, accountId, pairs: [], wrappingKey: wrappingKeyOf('passphraseKeys 1'),
        nonce: hex(SEALED_KEYS_NONCES[4]) }), form: true },
    { reason: 'count 2 with room for one pair', ...base, sealed: setByte(first, 18, 2), form: true },
    { reason: 'count 5 (authentic, lengths consistent)', ...base,
      sealed: sealKeys({ purpose: 1, accountId, pairs: [accountIdentity, ...devicePairs, accountIdentity,
        devicePairs[0]], wrappingKey: wrappingKeyOf('passphraseKeys 1'), nonce: hex(SEALED_KEYS_NONCES[4]) }),
      form: true },
    { reason: 'one byte short', ...base, sealed: first.subarray(0, first.length - 1), form: true },
    { reason: 'one byte too many', ...base, sealed: cat(first, Buffer.from([0])), form: true },
    { reason: 'empty', ...base, sealed: Buffer.alloc(0), form: true },
  ];
  return cases.map((c, i) => ({ tcId: String(i + 1), ...c, sealed: toHex(c.sealed) }));
})();

const certificateInputs = [
  { username: 'alice', device: 0, issuedAtMillis: ISSUED_AT[0] },
  { username: 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6', device: 1, issuedAtMillis: ISSUED_AT[1] }, // 250 bytes, the most
];
const deviceCertificates = certificateInputs.map((c, i) => {
  const encoded = deviceCertificate({ identitySeed: accountIdentity.signingSeed,
    identityAgreementPrivate: accountIdentity.agreementPrivate, accountId, username: c.username,
    device: devicePublics[c.device], issuedAtMillis: c.issuedAtMillis });
  return { tcId: String(i + 1), accountId: ACCOUNT_INPUTS.accountId, username: c.username, device: c.device + 1,
    issuedAtMillis: c.issuedAtMillis, encoded: toHex(encoded) };
});
check(deviceCertificates[1].encoded.length === 2 * 250, 'the longest device certificate is 250 bytes');

// `stage` says where a reader refuses it: "parse" (the form) or "verify" (the signature).
const deviceCertificatesRefused = (() => {
  const good = hex(deviceCertificates[0].encoded);
  const signedAs = (overrides) => deviceCertificate({ identitySeed: accountIdentity.signingSeed,
    identityAgreementPrivate: accountIdentity.agreementPrivate, accountId, username: 'alice', device: devicePublics[0],
    issuedAtMillis: ISSUED_AT[0], ...overrides });
  const flip = (at) => { const b = Buffer.from(good); b[at] ^= 0x01; return b; };
  const cases = [
    { reason: 'username not in normal form (upper case), validly signed', stage: 'parse',
      encoded: signedAs({ username: 'Alice' }) },
    { reason: 'username of 2 characters, validly signed', stage: 'parse', encoded: signedAs({ username: 'al' }) },
    { reason: 'username starting with a dot, validly signed', stage: 'parse', encoded: signedAs({ username: '.alice' }) },
    { reason: 'username of 33 characters (251 bytes), validly signed', stage: 'parse',
      encoded: signedAs({ username: 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q' }) },
    { reason: 'version 2, validly signed', stage: 'parse', encoded: signedAs({ version: 0x02 }) },
    { reason: 'one byte short', stage: 'parse', encoded: good.subarray(0, good.length - 1) },
    { reason: 'one byte too many', stage: 'parse', encoded: cat(good, Buffer.from([0])) },
    { reason: 'the issue time changed', stage: 'verify', encoded: flip(18 + 5 + 128 + 7) },
    { reason: 'the device X25519 key changed', stage: 'verify', encoded: flip(18 + 5 + 64 + 32 + 3) },
    { reason: 'the account id changed', stage: 'verify', encoded: flip(1) },
    { reason: 'the signature changed', stage: 'verify', encoded: flip(good.length - 40) },
  ];
  return cases.map((c, i) => ({ tcId: String(i + 1), ...c, encoded: toHex(c.encoded) }));
})();

const loginProofs = devicePairs.map((p, i) => ({ tcId: String(i + 1), device: i + 1,
  challenge: ACCOUNT_INPUTS.challenge, accountId: ACCOUNT_INPUTS.accountId,
  signature: toHex(loginProof(p.signingSeed, hex(ACCOUNT_INPUTS.challenge), accountId)) }));

// One account device's chained items (author = device 1, credential = device certificate 1).
const noteItemsV3 = [];
{
  const credential = hex(deviceCertificates[0].encoded);
  let previousHash = Buffer.alloc(32);
  NOTE_ITEM_V3_INPUTS.items.forEach((item, i) => {
    const { encoded, chainHash } = noteItem({ secret: hex(NOTE_ITEM_V3_INPUTS.secret),
      authorSigningSeed: devicePairs[0].signingSeed, authorAgreementPrivate: devicePairs[0].agreementPrivate,
      kind: item.kind, covers: item.covers, sequence: item.sequence, previousHash, nonce: hex(item.nonce),
      body: hex(item.body), credential });
    noteItemsV3.push({ tcId: String(i + 1), secret: NOTE_ITEM_V3_INPUTS.secret, author: 'device 1',
      credential: 'deviceCertificates 1', kind: item.kind, covers: item.covers, sequence: item.sequence,
      previousHash: toHex(previousHash), nonce: item.nonce, body: item.body, encoded: toHex(encoded),
      chainHash: toHex(chainHash) });
    previousHash = chainHash;
  });
}

// Version 3 items a parser must refuse although every signature in them is valid.
const noteItemsV3Refused = (() => {
  const base = { secret: hex(NOTE_ITEM_V3_INPUTS.secret), authorSigningSeed: devicePairs[0].signingSeed,
    authorAgreementPrivate: devicePairs[0].agreementPrivate, kind: NOTE_ITEM_KIND.update, covers: 0, sequence: 1,
    previousHash: Buffer.alloc(32), nonce: hex(NOTE_ITEM_V3_INPUTS.items[0].nonce),
    body: hex(NOTE_ITEM_V3_INPUTS.items[0].body) };
  const good = hex(noteItemsV3[0].encoded);
  const cases = [
    { reason: 'the certificate is for another device than the author keys',
      encoded: noteItem({ ...base, credential: hex(deviceCertificates[1].encoded) }).encoded },
    { reason: 'credential length 0', encoded: cat(good.subarray(0, 74), uint16be(0), good.subarray(76 + good.readUInt16BE(74))) },
    { reason: 'version 2 carrying a credential', encoded: (() => { const b = Buffer.from(good); b[0] = 0x02; return b; })() },
  ];
  return cases.map((c, i) => ({ tcId: String(i + 1), secret: NOTE_ITEM_V3_INPUTS.secret, reason: c.reason,
    encoded: toHex(c.encoded) }));
})();

const accounts = {
  keys: accountPublic,
  usernames,
  passphraseKeys: passphraseKeyVectors,
  standInSalts,
  authKeyHashes,
  recoveryKeys: recoveryKeyVectors,
  recoveryKeyParsing,
  sealedKeys,
  sealedKeysRefused,
  deviceCertificates,
  deviceCertificatesRefused,
  loginProofs,
  noteItemsV3,
  noteItemsV3Refused,
};

const output = {
  source: 'Vellum v1 constructions, generated by generate.mjs from docs/protocol.md alone with Node\'s crypto module',
  identities,
  safetyNumbers,
  noteKeys: noteKeyVectors,
  committingAead,
  padme: padmeVectors,
  updateEnvelopes,
  noteItems,
  accounts,
};

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'vellum-v1.json'), JSON.stringify(output, null, 2) + '\n', 'utf8');
console.log(`wrote ${join(here, 'vellum-v1.json')}`);
