'use strict';
// Loads the WebAssembly GC app, or says plainly that this browser cannot run it. Kept outside the HTML so the
// Content-Security-Policy can forbid inline scripts.
(function () {
  // A module whose type section declares one empty struct type: only engines with WebAssembly GC accept it.
  var WASM_GC_PROBE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x03, 0x01, 0x5f, 0x00]);

  function show(id) {
    var views = document.querySelectorAll('main > section');
    for (var i = 0; i < views.length; i++) {
      views[i].hidden = views[i].id !== id;
    }
  }

  function supported() {
    try {
      return typeof WebAssembly === 'object' && WebAssembly.validate(WASM_GC_PROBE) &&
        typeof crypto === 'object' && typeof crypto.getRandomValues === 'function' &&
        typeof TeaVM === 'object';
    } catch (e) {
      return false;
    }
  }

  // Plain HTTP on another machine's address: the browser withholds what Vellum relies on (Web Locks that keep one
  // tab per note, and more to come), and anyone on the network could swap this very script. Refuse, never run weaker.
  if (!window.isSecureContext) {
    show('insecure-view');
    return;
  }
  if (!supported()) {
    show('unsupported-view');
    return;
  }
  TeaVM.wasmGC.load('/app/vellum.wasm').then(function (teavm) {
    teavm.exports.main([]);
  }).catch(function (error) {
    // Loading failed, or the app refused to start (for example without a CSPRNG): never leave "Loading…" up.
    console.error('Vellum could not start', error);
    show('unsupported-view');
  });
})();
