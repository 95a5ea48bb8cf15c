// Known-answer test vectors for comment records and batches (comments-v1.json).
//
// A second implementation written from the comment design alone (COMMENTS-SPEC.md, issue #11, which
// docs/protocol.md "Comments" restates), with Node's built-in `crypto` module and nothing else: it does not look at
// the Java sources. Ed25519 signatures are deterministic (RFC 8032), so fixed keys give fixed bytes, and running
//
//     node generate-comments.mjs
//
// in this folder rewrites comments-v1.json byte for byte the same (no npm install needed). Byte values in the JSON
// are lowercase hex; texts are JSON strings.
//
// Comment record, version 1 (all integers big-endian; "signed" ones two's complement):
//   version 0x01 (1) | type: 1 comment, 2 thread state (1) | note id (16) | thread id (16) | record id (16) |
//   parent id (16, zero for a thread's first comment and for a thread state) | edit (4, signed, >= 0; 0 for a
//   thread state) | clock (8, signed, >= 1) | created at ms (8, signed, >= 0) | flags (1: bit 0 deleted for a
//   comment, resolved for a thread state; other bits zero) | anchor present (1: 0x01 exactly for a thread's first
//   comment, type 1 and parent zero, else 0x00) | [anchor: start replica length (1, 1..255) | replica | start clock
//   (4, signed, >= 0) | end replica length (1, 1..255) | replica | end clock (4) | quote length (2, <= 600) | UTF-8
//   quote of at most 200 UTF-16 units] | text length (4, <= 20000; 0 when deleted and for a thread state; a
//   comment that is not deleted says something) | UTF-8 text | author name length (1, <= 60) | UTF-8 name (empty
//   when a certificate follows) | author Ed25519 (32) | author X25519 (32) | certificate length (2, 0 for anonymous)
//   | device certificate, whose device keys are the author's | Ed25519 signature by the author over
//   "vellum/v1/comment" || every byte above (64).
// Further rules: a thread's first comment has thread id = record id; a reply's record id differs from its thread
// id and its parent id; a thread state's record id differs from its thread id; thread and record ids are not zero;
// a deleted comment has edit >= 1. UTF-8 is strict (no overlong forms, no encoded surrogates).
//
// Comment batch (a COMMENT item's body): count (2, 1..64) | (record length (4) | record)*, at most 262,144 bytes.

import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const hex = (s) => Buffer.from(s, 'hex');
const toHex = (b) => Buffer.from(b).toString('hex');
const ascii = (s) => Buffer.from(s, 'ascii');
const utf8 = (s) => Buffer.from(s, 'utf8');
const cat = (...parts) => Buffer.concat(parts.map((p) => Buffer.from(p)));
const u8 = (n) => Buffer.from([n]);

function check(condition, message) {
  if (!condition) throw new Error(`self-check failed: ${message}`);
}
function uint16be(n) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
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
const sha256 = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
// Fixed "random" inputs, named: SHA-256 of a fixed text, so that no constant is hand-typed.
const fixed = (name, length = 32) => sha256(ascii(`vellum comment vectors: ${name}`)).subarray(0, length);

const ED25519_PKCS8_PREFIX = hex('302e020100300506032b657004220420');
const X25519_PKCS8_PREFIX = hex('302e020100300506032b656e04220420');
const privateKey = (prefix, bytes) => crypto.createPrivateKey({ key: cat(prefix, bytes), format: 'der', type: 'pkcs8' });
const rawPublic = (key) => crypto.createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
const ed25519Public = (seed) => rawPublic(privateKey(ED25519_PKCS8_PREFIX, seed));
const ed25519Sign = (seed, message) => crypto.sign(null, message, privateKey(ED25519_PKCS8_PREFIX, seed));
const x25519Public = (scalar) => rawPublic(privateKey(X25519_PKCS8_PREFIX, scalar));

// Self-check Ed25519 against RFC 8032 section 7.1, TEST 1.
check(toHex(ed25519Sign(hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'), Buffer.alloc(0)))
  === 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  'RFC 8032 TEST 1');

const LABEL = {
  comment: ascii('vellum/v1/comment'),
  keyId: ascii('vellum/v1/key-id'),
  deviceCertificate: ascii('vellum/v1/device-certificate/signature'),
  updateSignature: ascii('vellum/v1/update-envelope/signature'),
};

function keyPair(name) {
  const signingSeed = fixed(`${name} signing seed`);
  const agreementPrivate = fixed(`${name} agreement key`);
  const signingPublic = ed25519Public(signingSeed);
  const agreementPublic = x25519Public(agreementPrivate);
  const keyId = sha256(LABEL.keyId, signingPublic, agreementPublic).subarray(0, 16);
  return { name, signingSeed, agreementPrivate, signingPublic, agreementPublic, keyId,
    identity: cat(signingPublic, agreementPublic) };
}

const visitor = keyPair('visitor');
const otherVisitor = keyPair('other visitor');
const accountIdentity = keyPair('account identity');
const device = keyPair('device');
const otherDevice = keyPair('other device');
const authors = [visitor, otherVisitor, device, otherDevice];

// Device certificate v1: version | account id (16) | username length (1) | username | identity keys (64) | device
// keys (64) | issued at (8) | identity's signature over "vellum/v1/device-certificate/signature" || bytes above.
const ACCOUNT_ID = fixed('account id', 16);
const ISSUED_AT = 1790000000000;
function certificate(forDevice, username = 'alice') {
  const signed = cat(u8(1), ACCOUNT_ID, u8(username.length), ascii(username), accountIdentity.identity,
    forDevice.identity, int64be(ISSUED_AT));
  return cat(signed, ed25519Sign(accountIdentity.signingSeed, cat(LABEL.deviceCertificate, signed)));
}
const certificates = { device: certificate(device), otherDevice: certificate(otherDevice) };

const NOTE_ID = fixed('note id', 16);
const OTHER_NOTE_ID = fixed('other note id', 16);
const ZERO = Buffer.alloc(16);
const THREAD = fixed('thread', 16);
const REPLY = fixed('reply', 16);
const STATE_1 = fixed('state 1', 16);
const STATE_2 = fixed('state 2', 16);
const LONG = fixed('long comment', 16);
const CREATED = 1795000000000;

// Writes a record from raw field values, so that refused vectors can break one rule under a valid signature.
function encodeRecord(f) {
  const anchor = f.anchor;
  const anchorBytes = anchor == null ? Buffer.alloc(0) : cat(
    u8(anchor.startReplica.length), anchor.startReplica, int32be(anchor.startClock),
    u8(anchor.endReplica.length), anchor.endReplica, int32be(anchor.endClock),
    uint16be(anchor.quoteLength ?? anchor.quote.length), anchor.quote);
  const cert = f.certificate ?? Buffer.alloc(0);
  const unsigned = cat(u8(f.version ?? 1), u8(f.type), f.noteId, f.threadId, f.recordId, f.parentId,
    int32be(f.edit), int64be(f.clock), int64be(f.createdAt), u8(f.flags),
    u8(f.anchorPresent ?? (anchor == null ? 0 : 1)), anchorBytes,
    int32be(f.textLength ?? f.text.length), f.text, u8(f.name.length), f.name,
    (f.author ?? f.signer).identity, uint16be(f.certificateLength ?? cert.length), cert);
  const signature = ed25519Sign(f.signer.signingSeed, cat(f.label ?? LABEL.comment, unsigned));
  return cat(unsigned, signature);
}

const anchorOf = (startReplica, startClock, endReplica, endClock, quote) =>
  ({ startReplica, startClock, endReplica, endClock, quote: utf8(quote), quoteText: quote });

// ---- Records every reader accepts ------------------------------------------------------------------------
const ANCHOR = anchorOf(fixed('replica a', 8), 41, fixed('replica b', 3), 7, 'Grüße, 世界 👋');
const MAX_ANCHOR = anchorOf(fixed('replica c', 32).subarray(0, 32), 2147483647,
  Buffer.concat(Array(8).fill(fixed('replica d', 32))).subarray(0, 255), 0, '€'.repeat(200));
check(MAX_ANCHOR.quote.length === 600 && MAX_ANCHOR.quoteText.length === 200, 'the largest quote');

const base = { version: 1, noteId: NOTE_ID, edit: 0, createdAt: CREATED, flags: 0 };
const accepted = [
  { comment: 'an anonymous visitor starts a thread', ...base, type: 1, threadId: THREAD, recordId: THREAD,
    parentId: ZERO, clock: 1, anchor: ANCHOR, textString: 'Is this right? ✓', nameString: 'Visitor 🦊',
    signer: visitor },
  { comment: 'an account replies, with its certificate', ...base, type: 1, threadId: THREAD, recordId: REPLY,
    parentId: THREAD, clock: 2, createdAt: CREATED + 1, anchor: null, textString: 'Yes.\nSee line 2.',
    nameString: '', signer: device, certificate: certificates.device },
  { comment: 'the visitor edits the thread\'s first comment (anchor kept)', ...base, type: 1, threadId: THREAD,
    recordId: THREAD, parentId: ZERO, edit: 1, clock: 3, createdAt: CREATED + 2, anchor: ANCHOR,
    textString: 'Is this right?', nameString: 'Visitor 🦊', signer: visitor },
  { comment: 'the account deletes its reply', ...base, type: 1, threadId: THREAD, recordId: REPLY, parentId: THREAD,
    edit: 1, clock: 4, createdAt: CREATED + 3, flags: 1, anchor: null, textString: '', nameString: '',
    signer: device, certificate: certificates.device },
  { comment: 'the account resolves the thread', ...base, type: 2, threadId: THREAD, recordId: STATE_1,
    parentId: ZERO, clock: 5, createdAt: CREATED + 4, flags: 1, anchor: null, textString: '', nameString: '',
    signer: device, certificate: certificates.device },
  { comment: 'another visitor reopens it', ...base, type: 2, threadId: THREAD, recordId: STATE_2, parentId: ZERO,
    clock: 6, createdAt: CREATED + 5, anchor: null, textString: '', nameString: '', signer: otherVisitor },
  { comment: 'every field at its largest: text 20,000 bytes, quote 200 units and 600 bytes, replicas 1 and 255 '
    + 'bytes, name 60 bytes, edit and clocks at their maxima', ...base, type: 1, threadId: LONG, recordId: LONG,
    parentId: ZERO, edit: 2147483647, clock: '9223372036854775807', createdAt: '9223372036854775807',
    anchor: { ...MAX_ANCHOR, startReplica: MAX_ANCHOR.startReplica.subarray(0, 1) },
    textString: 'é'.repeat(10000), nameString: 'ü'.repeat(30), signer: visitor },
].map((r) => ({ ...r, text: utf8(r.textString), name: utf8(r.nameString) }));
check(accepted[6].text.length === 20000 && accepted[6].name.length === 60, 'the largest text and name');

const records = accepted.map((r, i) => ({
  tcId: String(i + 1),
  comment: r.comment,
  author: r.signer.name,
  type: r.type,
  noteId: toHex(r.noteId),
  threadId: toHex(r.threadId),
  recordId: toHex(r.recordId),
  parentId: toHex(r.parentId),
  edit: r.edit,
  clock: String(r.clock),
  createdAtMillis: String(r.createdAt),
  deleted: r.type === 1 && r.flags === 1,
  resolved: r.type === 2 && r.flags === 1,
  anchor: r.anchor == null ? null : { startReplica: toHex(r.anchor.startReplica), startClock: r.anchor.startClock,
    endReplica: toHex(r.anchor.endReplica), endClock: r.anchor.endClock, quote: r.anchor.quoteText },
  text: r.textString,
  authorName: r.nameString,
  certificate: r.certificate == null ? '' : toHex(r.certificate),
  encoded: toHex(encodeRecord(r)),
}));

// ---- Records every reader refuses ------------------------------------------------------------------------
// `stage`: "parse" (the form breaks a rule) or "verify" (the form is fine, a signature is not).
const first = accepted[0];
const reply = accepted[1];
const state = accepted[4];
const goodFirst = encodeRecord(first);
const flip = (bytes, at) => {
  const out = Buffer.from(bytes);
  out[at] ^= 0x01;
  return out;
};
const badCertificate = flip(certificates.device, certificates.device.length - 1);
const refusedCases = [
  ['version 2', 'parse', { ...first, version: 2 }],
  ['type 0', 'parse', { ...first, type: 0 }],
  ['type 3', 'parse', { ...first, type: 3 }],
  ['a thread\'s first comment without its anchor', 'parse', { ...first, anchor: null }],
  ['a reply with an anchor', 'parse', { ...reply, anchor: ANCHOR }],
  ['a thread state with an anchor', 'parse', { ...state, anchor: ANCHOR }],
  ['anchor presence byte 2', 'parse', { ...first, anchorPresent: 2 }],
  ['a thread\'s first comment whose thread id is not its record id', 'parse', { ...first, threadId: REPLY }],
  ['a reply whose record id is its thread id', 'parse', { ...reply, recordId: THREAD, parentId: REPLY }],
  ['a reply that answers itself', 'parse', { ...reply, parentId: REPLY }],
  ['a zero thread id', 'parse', { ...state, threadId: ZERO }],
  ['a zero record id', 'parse', { ...state, recordId: ZERO }],
  ['unknown flag bit 1', 'parse', { ...first, flags: 0x02 }],
  ['unknown flag bit 7 on a thread state', 'parse', { ...state, flags: 0x81 }],
  ['a deleted comment with text', 'parse', { ...first, edit: 1, flags: 1 }],
  ['a comment deleted at edit 0', 'parse', { ...reply, flags: 1, text: Buffer.alloc(0) }],
  ['a comment that says nothing', 'parse', { ...reply, text: Buffer.alloc(0) }],
  ['a thread state with a parent', 'parse', { ...state, parentId: THREAD }],
  ['a thread state with edit 1', 'parse', { ...state, edit: 1 }],
  ['a thread state with text', 'parse', { ...state, text: utf8('resolved!') }],
  ['clock 0', 'parse', { ...first, clock: 0 }],
  ['a negative clock', 'parse', { ...first, clock: -1 }],
  ['a negative creation time', 'parse', { ...first, createdAt: -1 }],
  ['a negative edit', 'parse', { ...first, edit: -1 }],
  ['text of 20,001 bytes', 'parse', { ...first, text: utf8('a'.repeat(20001)) }],
  ['a name of 61 bytes', 'parse', { ...first, name: utf8('n'.repeat(61)) }],
  ['a quote of 601 bytes', 'parse', { ...first, anchor: anchorOf(ANCHOR.startReplica, 1, ANCHOR.endReplica, 2,
    'q'.repeat(601)) }],
  ['a quote of 201 UTF-16 units', 'parse', { ...first, anchor: anchorOf(ANCHOR.startReplica, 1, ANCHOR.endReplica,
    2, 'q'.repeat(201)) }],
  ['an empty start replica', 'parse', { ...first, anchor: { ...ANCHOR, startReplica: Buffer.alloc(0) } }],
  ['an empty end replica', 'parse', { ...first, anchor: { ...ANCHOR, endReplica: Buffer.alloc(0) } }],
  ['a negative anchor clock', 'parse', { ...first, anchor: { ...ANCHOR, endClock: -5 } }],
  ['text that is not UTF-8 (0xff)', 'parse', { ...first, text: hex('48ff49') }],
  ['text with an encoded surrogate (U+D800 as ED A0 80)', 'parse', { ...first, text: hex('41eda08041') }],
  ['text with an overlong encoding (C0 AF)', 'parse', { ...first, text: hex('41c0af41') }],
  ['a name that is not UTF-8', 'parse', { ...first, name: hex('c3') }],
  ['a quote with a surrogate pair encoded as two surrogates (CESU-8)', 'parse', { ...first, anchor: {
    ...ANCHOR, quote: hex('eda0bdedb88b') } }],
  ['a certificate of another device', 'parse', { ...reply, certificate: certificates.otherDevice }],
  ['an account\'s record with a chosen name', 'parse', { ...reply, name: utf8('Alice') }],
  ['a certificate length past the end', 'parse', { ...reply, certificateLength: certificates.device.length + 64 + 1 }],
  ['a text length past the end', 'parse', { ...first, textLength: 19000 }],
  ['a quote length past its text', 'parse', { ...first, anchor: { ...ANCHOR, quoteLength: ANCHOR.quote.length + 100 } }],
  ['signed by another key than the author\'s', 'verify', { ...first, author: visitor, signer: otherVisitor }],
  ['signed without the label', 'verify', { ...first, label: Buffer.alloc(0) }],
  ['signed under another label', 'verify', { ...first, label: LABEL.updateSignature }],
  ['a certificate whose signature does not verify', 'verify', { ...reply, certificate: badCertificate }],
];
const recordsRefused = refusedCases.map(([reason, stage, fields], i) => ({
  tcId: String(i + 1), reason, stage, encoded: toHex(encodeRecord(fields)),
}));
const rawRefused = [
  ['one byte short', 'parse', goodFirst.subarray(0, goodFirst.length - 1)],
  ['one byte too many', 'parse', cat(goodFirst, u8(0))],
  ['empty', 'parse', Buffer.alloc(0)],
  ['a bit of the text changed after signing', 'verify', flip(goodFirst, goodFirst.length - 64 - 2 - 64 - 1
    - first.name.length - 3)],
  ['a bit of the signature changed', 'verify', flip(goodFirst, goodFirst.length - 1)],
  ['the note id changed after signing', 'verify', Buffer.concat([goodFirst.subarray(0, 2), OTHER_NOTE_ID,
    goodFirst.subarray(18)])],
];
for (const [reason, stage, bytes] of rawRefused) {
  recordsRefused.push({ tcId: String(recordsRefused.length + 1), reason, stage, encoded: toHex(bytes) });
}

// ---- Batches -----------------------------------------------------------------------------------------------
const encodedRecords = records.map((r) => hex(r.encoded));
const batch = (list, count = list.length) => cat(uint16be(count), ...list.map((r) => cat(int32be(r.length), r)));
// Batches at the count and size limits (64 records, 256 KiB) are built by the Java tests from these records
// rather than stored here: they would make this file megabytes long.
const batches = [
  { tcId: '1', records: ['1'], encoded: toHex(batch([encodedRecords[0]])) },
  { tcId: '2', records: records.slice(0, 6).map((r) => r.tcId), encoded: toHex(batch(encodedRecords.slice(0, 6))) },
];
const batchesRefused = [
  ['no records', batch([])],
  ['a count of 2 with one record', batch([encodedRecords[0]], 2)],
  ['a byte after the last record', cat(batch([encodedRecords[0]]), u8(0))],
  ['a record length past the end', cat(uint16be(1), int32be(encodedRecords[0].length + 1), encodedRecords[0])],
  ['a record that does not parse', batch([encodedRecords[0].subarray(1)])],
  ['empty', Buffer.alloc(0)],
].map(([reason, bytes], i) => ({ tcId: String(i + 1), reason, encoded: toHex(bytes) }));

const output = {
  source: 'Comment records v1 and comment batches, generated by generate-comments.mjs from the comment design '
    + 'alone with Node\'s crypto module',
  authors: authors.map((a) => ({ name: a.name, signingSeed: toHex(a.signingSeed),
    agreementPrivate: toHex(a.agreementPrivate), signingPublic: toHex(a.signingPublic),
    agreementPublic: toHex(a.agreementPublic), keyId: toHex(a.keyId) })),
  records,
  recordsRefused,
  batches,
  batchesRefused,
};

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'comments-v1.json'), JSON.stringify(output, null, 2) + '\n', 'utf8');
console.log(`wrote ${join(here, 'comments-v1.json')}`);
