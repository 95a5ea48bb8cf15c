'use strict';
// Loads the WebAssembly GC app, or says plainly that this browser cannot run it. Kept outside the HTML so the
// Content-Security-Policy can forbid inline scripts. Loaded with async, not defer: it starts the wasm's download
// and the first API requests as soon as it arrives, while the page is still being parsed and the runtime scripts
// run, and waits for those only when it needs them (the views to show, TeaVM to load the checked wasm).
(function () {
  // The SHA-384 of the wasm and the name it is served under (named after its content), written in at build time
  // (web-client/src/build/java/PackWebroot.java). This script is itself pinned by index.html's integrity
  // attribute, so the chain runs from the page to the wasm.
  var WASM_SHA384 = '@sha384:/app/vellum.wasm@';
  var WASM_URL = '@path:/app/vellum.wasm@';

  function TamperedError(message) {
    this.message = message;
  }

  // A module whose type section declares one empty struct type: only engines with WebAssembly GC accept it.
  var WASM_GC_PROBE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x03, 0x01, 0x5f, 0x00]);

  // Runs `then` once the page is parsed (an async script may run before that).
  function whenParsed(then) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', then, {once: true});
    } else {
      then();
    }
  }

  // Runs `then` once the deferred scripts (TeaVM's runtime, the @JSBody table) have run, or failed to: the browser
  // runs them after parsing and before DOMContentLoaded. Past parsing, with either missing, only the load event is
  // sure to come after them.
  function whenScriptsRan(then) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', then, {once: true});
    } else if (document.readyState === 'interactive' &&
        (typeof TeaVM !== 'object' || typeof VellumJsBodies !== 'object')) {
      window.addEventListener('load', then, {once: true});
    } else {
      then();
    }
  }

  function show(id) {
    whenParsed(function () {
      var views = document.querySelectorAll('main > section');
      for (var i = 0; i < views.length; i++) {
        views[i].hidden = views[i].id !== id;
      }
    });
  }

  function supported() {
    try {
      return typeof WebAssembly === 'object' && WebAssembly.validate(WASM_GC_PROBE) &&
        typeof crypto === 'object' && typeof crypto.getRandomValues === 'function';
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

  function base64(buffer) {
    return btoa(String.fromCharCode.apply(null, new Uint8Array(buffer)));
  }

  // Subresource Integrity covers scripts, not what a script fetches: hash the wasm before compiling it, and hand
  // TeaVM the checked bytes rather than the URL. The browser may answer from its cache (the name changes with the
  // content); the check covers a cached copy as well. (Compiling while the bytes stream in, with the check on a
  // copy or by fetch's own integrity option, was measured and was no faster here: see the README.)
  function fetchCheckedWasm() {
    return fetch(WASM_URL).then(function (response) {
      if (!response.ok) {
        throw new Error('GET ' + WASM_URL + ' answered ' + response.status);
      }
      return response.arrayBuffer();
    }).then(function (bytes) {
      performance.mark('vellum-wasm-fetched');
      return crypto.subtle.digest('SHA-384', bytes).then(function (digest) {
        if (base64(digest) !== WASM_SHA384) {
          throw new TamperedError(WASM_URL + ' has SHA-384 ' + base64(digest) + ', expected ' + WASM_SHA384);
        }
        performance.mark('vellum-wasm-checked');
        return new Uint8Array(bytes);
      });
    });
  }
  var checkedWasm = fetchCheckedWasm();
  // Until the page is ready to take it; a failure is reported below, once.
  checkedWasm.catch(function () {});

  // A workspace's page asks first for the session, the contact book, the workspace list and the workspace's log,
  // keys and notes (WorkspaceApi.askEarlyForOpening). Those GETs start here, so that they cross the network while
  // the wasm loads instead of after it; the app takes each once (Http.early) with the very options it would have
  // used, and checks what comes back as it checks any answer. GETs only: they change nothing on the server.
  var early = {};
  // The note list's date format (NoteRows.dateFormat). A page's first Intl.DateTimeFormat loads the locale's data:
  // 40-60 ms of the list's rendering at load 15 here. A workspace's page makes it once parsed, while the wasm is
  // still on its way (not while it compiles: that uses both cores, and the compile took 60-100 ms longer).
  var dateFormat = null;
  window.VellumEarly = Object.freeze({
    take: function (path) {
      var started = early[path];
      delete early[path];
      return started;
    },
    dateFormat: function () {
      if (dateFormat === null) {
        dateFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
      }
      return dateFormat;
    }
  });
  var workspacePage = /^\/w\/([A-Za-z0-9_-]{22})$/.exec(location.pathname);
  if (workspacePage) {
    var base = '/api/workspaces/' + workspacePage[1];
    ['/api/session', '/api/account/contacts', '/api/workspaces', base + '/log?from=0', base + '/keys', base + '/notes']
      .forEach(function (path) {
        early[path] = fetch(path, {method: 'GET', credentials: 'same-origin', cache: 'no-store', headers: {}});
        // Taken or not, a failure is the app's to report (it asks again); never an unhandled rejection here.
        early[path].catch(function () {});
      });
    whenParsed(window.VellumEarly.dateFormat);
  }

  whenScriptsRan(function () {
    // The browser refuses a script whose SHA-384 differs from its integrity attribute, so a missing runtime or
    // @JSBody table means one arrived changed (or not at all): never run the rest without it.
    if (typeof TeaVM !== 'object' || typeof VellumJsBodies !== 'object') {
      console.error('Vellum refused to start: /app/classes.wasm-runtime.js or /app/jsbodies.js did not load intact');
      show('tampered-view');
      return;
    }
    checkedWasm.then(function (wasm) {
      return TeaVM.wasmGC.load(wasm);
    }).then(function (teavm) {
      performance.mark('vellum-wasm-loaded');
      teavm.exports.main([]);
      performance.mark('vellum-main-returned');
    }).catch(function (error) {
      if (error instanceof TamperedError) {
        console.error('Vellum refused to start: ' + error.message);
        show('tampered-view');
        return;
      }
      // Loading failed, or the app refused to start (for example without a CSPRNG): never leave "Loading…" up.
      console.error('Vellum could not start', error);
      show('unsupported-view');
    });
  });
})();
