// The script API of ApiLens's sandbox: JetBrains HTTP Client (client, request, response,
// crypto), httpyac (exports, $global, test, response/request, variables as names) and
// Postman (pm, postman, the old tests/responseBody globals), over one store of variables.
// Evaluated once per script in a fresh engine; returns the function that sets a script up.
(function (input, native, g) {
    'use strict';
    g.globalThis = g;
    const out = { globals: Object.assign({}, input.globals), unset: [], requestVariables: {},
                  tests: [], log: [], error: '' };
    const text = v => (v === undefined || v === null) ? '' : (typeof v === 'object' ? JSON.stringify(v) : String(v));
    const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
    const fromEntries = pairs => { const o = {}; for (const [k, v] of pairs) o[k] = v; return o; }; // not in Qt 6.4

    function setGlobal(name, value) {
        out.globals[name] = value === undefined ? null : value;
        out.unset = out.unset.filter(n => n !== name);
    }
    function unsetGlobal(name) {
        delete out.globals[name];
        if (!out.unset.includes(name)) out.unset.push(name);
    }
    function lookup(name) {
        if (has(out.globals, name)) return out.globals[name];
        if (out.unset.includes(name)) return undefined;
        if (has(out.requestVariables, name)) return out.requestVariables[name];
        if (has(input.variables, name)) return input.variables[name];
        return undefined;
    }
    function replaceIn(template) {
        return String(template).replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (all, name) => {
            const value = lookup(name);
            return value === undefined ? all : text(value);
        });
    }
    // What a script logs is kept up to 1,000 lines of 1,000 characters (a loop that logs must not
    // flood the report).
    function logLine(...args) {
        if (out.log.length > 1000) return;
        if (out.log.length === 1000) { out.log.push('… more lines were logged; the first 1,000 are kept'); return; }
        const line = args.map(a => typeof a === 'string' ? a : (a instanceof Error ? String(a) : JSON.stringify(a))).join(' ');
        out.log.push(line.length > 1000 ? line.slice(0, 1000) + '…' : line);
    }
    g.console = { log: logLine, info: logLine, warn: logLine, error: logLine, debug: logLine, trace: logLine };

    function runTest(name, fn) {
        try {
            if (typeof fn === 'function') fn();
            out.tests.push({ name: String(name), passed: true, message: '' });
        } catch (e) {
            out.tests.push({ name: String(name), passed: false, message: e && e.message !== undefined ? String(e.message) : String(e) });
        }
    }
    function fail(message) { throw new Error(message); }

    // Bytes, text and digests (native helpers; nothing reaches the file system or network).
    const bytesOf = (value, encoding) => native.bytes(text(value), encoding || 'utf8'); // -> base64
    const textOf = (base64, encoding) => native.text(base64, encoding || 'utf8');
    class Buffer {
        constructor(base64) { this.base64 = base64; }
        static from(value, encoding) {
            if (value instanceof Buffer) return new Buffer(value.base64);
            return new Buffer(bytesOf(value, encoding));
        }
        static isBuffer(value) { return value instanceof Buffer; }
        toString(encoding) { return textOf(this.base64, encoding); }
        get length() { return native.size(this.base64); }
    }
    g.Buffer = Buffer;
    g.btoa = value => native.bytes(text(value), 'latin1');
    g.atob = value => textOf(text(value), 'latin1');

    // JetBrains crypto: crypto.sha256().updateWithText(t).digest().toHex(); crypto.hmac.sha256()...
    function digestBuilder(algorithm, secret) {
        const parts = [];
        const builder = {
            updateWithText(value, encoding) { parts.push(bytesOf(value, encoding)); return builder; },
            updateWithHex(value) { parts.push(bytesOf(value, 'hex')); return builder; },
            updateWithBase64(value) { parts.push(bytesOf(value, 'base64')); return builder; },
            withTextSecret(value) { secret = bytesOf(value); return builder; },
            withHexSecret(value) { secret = bytesOf(value, 'hex'); return builder; },
            withBase64Secret(value) { secret = bytesOf(value, 'base64'); return builder; },
            digest() {
                const result = native.digest(algorithm, parts, secret === undefined ? '' : secret, secret !== undefined);
                return { toHex: () => textOf(result, 'hex'), toBase64: () => textOf(result, 'base64'),
                         toBase64Url: () => textOf(result, 'base64url') };
            },
        };
        return builder;
    }
    const algorithms = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];
    const jetbrainsCrypto = { hmac: {} };
    for (const a of algorithms) {
        jetbrainsCrypto[a] = () => digestBuilder(a);
        jetbrainsCrypto.hmac[a] = () => digestBuilder(a, '');
    }
    jetbrainsCrypto.uuid = () => native.uuid();
    g.crypto = jetbrainsCrypto;

    // CryptoJS, as Postman scripts use it: CryptoJS.HmacSHA256(msg, key).toString(CryptoJS.enc.Base64).
    const encoders = { Hex: 'hex', Base64: 'base64', Utf8: 'utf8', Latin1: 'latin1' };
    class WordArray {
        constructor(base64) { this.base64 = base64; }
        toString(encoder) { return textOf(this.base64, encoder ? encoder.id : 'hex'); }
    }
    const cryptoJs = { enc: {} };
    for (const [name, id] of Object.entries(encoders)) {
        cryptoJs.enc[name] = { id, parse: v => new WordArray(bytesOf(v, id)), stringify: w => textOf(w.base64, id) };
    }
    const wordBytes = v => v instanceof WordArray ? v.base64 : bytesOf(v);
    for (const a of algorithms) {
        const upper = a.toUpperCase();
        cryptoJs[upper] = v => new WordArray(native.digest(a, [wordBytes(v)], '', false));
        cryptoJs['Hmac' + upper] = (v, key) => new WordArray(native.digest(a, [wordBytes(v)], wordBytes(key), true));
    }
    g.CryptoJS = cryptoJs;
    const modules = { 'crypto-js': cryptoJs, 'buffer': { Buffer } };
    g.require = name => {
        if (has(modules, name)) return modules[name];
        throw new Error("require('" + name + "') is not available: scripts in ApiLens have no modules, files or network (only 'crypto-js' and 'buffer')");
    };

    // The response, as each dialect reads it.
    const headerPairs = m => m ? m.headers : [];
    const valuesOf = (m, name) => headerPairs(m).filter(h => h[0].toLowerCase() === String(name).toLowerCase()).map(h => h[1]);
    const responseText = input.response ? (input.response.body !== undefined ? input.response.body : '') : '';
    const contentTypeOf = m => (valuesOf(m, 'content-type')[0] || '');
    function parsedBody(m, bodyText) {
        try {
            return /json/i.test(contentTypeOf(m)) || /^\s*[\[{]/.test(bodyText) ? JSON.parse(bodyText) : bodyText;
        } catch (e) {
            return bodyText;
        }
    }
    function headerObject(m) {
        const object = {};
        for (const [name, value] of headerPairs(m)) {
            const key = name.toLowerCase();
            object[key] = has(object, key) ? object[key] + ', ' + value : value;
        }
        Object.defineProperty(object, 'valueOf', { value: name => valuesOf(m, name)[0] === undefined ? null : valuesOf(m, name)[0] });
        Object.defineProperty(object, 'valuesOf', { value: name => valuesOf(m, name) });
        return object;
    }
    const response = input.response;
    const body = response ? parsedBody(response, responseText) : undefined;
    if (response) {
        const mime = contentTypeOf(response).split(';')[0].trim();
        const charset = (/charset=([^;]+)/i.exec(contentTypeOf(response)) || [])[1] || 'utf-8';
        g.response = {
            status: response.status, statusCode: response.status, statusMessage: response.reason,
            body: input.dialect === 'httpyac' ? responseText : body,
            parsedBody: body, rawBody: responseText, headers: headerObject(response),
            contentType: { mimeType: mime, charset }, duration: response.durationMs,
            timings: { total: response.durationMs },
        };
    }
    // The request: JetBrains request.variables / request.environment, httpyac request.
    const request = input.request;
    out.request = JSON.parse(JSON.stringify(request));
    let requestChanged = false;
    const requestVariables = {
        set(name, value) { out.requestVariables[name] = text(value); },
        get(name) { return has(out.requestVariables, name) ? out.requestVariables[name] : lookup(name); },
    };
    g.request = {
        method: request.method, url: request.url, body: request.body, headers: headerObject(request),
        variables: requestVariables,
        environment: { get: name => has(input.environment, name) ? input.environment[name] : null },
        iteration: () => 0,
    };

    // JetBrains client.
    g.client = {
        global: {
            set: setGlobal,
            get: name => { const v = has(out.globals, name) ? out.globals[name] : null; return v; },
            isEmpty: () => Object.keys(out.globals).length === 0,
            clear: unsetGlobal,
            clearAll: () => Object.keys(out.globals).forEach(unsetGlobal),
        },
        test: runTest,
        assert: (condition, message) => { if (!condition) fail(message || 'Assertion failed'); },
        log: logLine,
        exit: () => { throw { apilensExit: true }; },
    };

    // httpyac: exports, $global, test(), test.status(), variables as names.
    const exportsObject = {};
    g.exports = exportsObject;
    const globalObject = Object.assign({}, out.globals);
    g.$global = globalObject;
    function status(code) {
        runTest('response status equals ' + code, () => {
            if (!response || response.status !== code) fail('expected status ' + code + ', got ' + (response ? response.status : 'no response'));
        });
    }
    const httpyacTest = (name, fn) => runTest(name, fn);
    httpyacTest.status = status;
    httpyacTest.header = (name, value) => runTest('response header ' + name + ' equals ' + value, () => {
        const found = valuesOf(response, name)[0];
        if (found !== value) fail('expected ' + name + ': ' + value + ', got ' + found);
    });
    httpyacTest.headerContains = (name, value) => runTest('response header ' + name + ' contains ' + value, () => {
        if (!(valuesOf(response, name)[0] || '').includes(value)) fail(name + ' does not contain ' + value);
    });
    httpyacTest.hasResponseBody = () => runTest('response has a body', () => { if (!responseText) fail('the body is empty'); });
    httpyacTest.responseBody = expected => runTest('response body equals ' + expected, () => {
        if (responseText !== expected) fail('the body is ' + responseText);
    });
    httpyacTest.totalTime = limit => runTest('total time below ' + limit + ' ms', () => {
        if (!response || response.durationMs >= limit) fail('took ' + (response ? response.durationMs : '?') + ' ms');
    });
    g.test = httpyacTest;
    g.sleep = () => undefined;
    if (input.dialect === 'httpyac' || input.phase === 'expression') {
        const names = Object.assign({}, input.variables, out.globals);
        for (const name of Object.keys(names)) {
            if (/^[A-Za-z_$][\w$]*$/.test(name) && !(name in g)) g[name] = lookup(name);
        }
    }

    // Postman: pm.* and the older postman.* / tests[] / responseBody globals.
    const scope = {
        get: name => { const v = lookup(name); return v === undefined ? undefined : v; },
        set: (name, value) => setGlobal(name, value),
        unset: unsetGlobal,
        has: name => lookup(name) !== undefined,
        clear: () => Object.keys(out.globals).forEach(unsetGlobal),
        replaceIn,
        toObject: () => { const o = Object.assign({}, input.variables, out.globals); out.unset.forEach(n => delete o[n]); return o; },
    };
    const headerList = list => ({
        get: name => { const f = list().find(h => h[0].toLowerCase() === String(name).toLowerCase()); return f ? f[1] : undefined; },
        has: name => list().some(h => h[0].toLowerCase() === String(name).toLowerCase()),
        toObject: () => fromEntries(list().map(h => [h[0].toLowerCase(), h[1]])),
        all: () => list().map(h => ({ key: h[0], value: h[1] })),
        each: fn => list().forEach(h => fn({ key: h[0], value: h[1] })),
    });
    const requestHeaders = headerList(() => out.request.headers);
    const setHeader = (key, value) => {
        out.request.headers = out.request.headers.filter(h => h[0].toLowerCase() !== String(key).toLowerCase());
        out.request.headers.push([String(key), text(value)]);
        requestChanged = true;
    };
    requestHeaders.add = h => { out.request.headers.push([String(h.key), text(h.value)]); requestChanged = true; };
    requestHeaders.upsert = h => setHeader(h.key, h.value);
    requestHeaders.remove = key => {
        out.request.headers = out.request.headers.filter(h => h[0].toLowerCase() !== String(key).toLowerCase());
        requestChanged = true;
    };
    const pm = {
        environment: Object.assign({ name: input.environmentName }, scope),
        collectionVariables: scope, globals: scope, variables: scope, iterationData: { get: () => undefined, toObject: () => ({}) },
        info: { requestName: input.requestName, eventName: input.phase === 'before' ? 'prerequest' : 'test', iteration: 0, iterationCount: 1 },
        request: { method: request.method, url: { toString: () => out.request.url }, headers: requestHeaders,
                   body: { raw: request.body, toString: () => request.body } },
        test: runTest,
        expect: value => g.__apilensExpect(value),
        execution: { setNextRequest: name => { out.nextRequest = name === null ? '' : String(name); },
                     skipRequest: () => { out.skip = true; } },
        sendRequest: () => fail('pm.sendRequest is not available: scripts in ApiLens have no network'),
    };
    if (response) {
        const pmResponse = {
            code: response.status, status: response.reason, responseTime: response.durationMs,
            headers: headerList(() => response.headers),
            text: () => responseText,
            json: () => JSON.parse(responseText),
            size: () => ({ body: responseText.length }),
        };
        pmResponse.to = g.__apilensResponseExpect(pmResponse);
        pm.response = pmResponse;
        g.responseBody = responseText;
        g.responseCode = { code: response.status, name: response.reason, detail: response.reason };
        // Postman's old API keeps the names as the server wrote them.
        g.responseHeaders = fromEntries(response.headers.map(h => [h[0], h[1]]));
        g.responseTime = response.durationMs;
    }
    g.pm = pm;
    g.postman = {
        setEnvironmentVariable: setGlobal, getEnvironmentVariable: name => lookup(name),
        setGlobalVariable: setGlobal, getGlobalVariable: name => lookup(name),
        clearEnvironmentVariable: unsetGlobal, clearGlobalVariable: unsetGlobal,
        setNextRequest: pm.execution.setNextRequest,
        getResponseHeader: name => valuesOf(response, name)[0],
    };
    g.environment = scope.toObject();
    g.globals = g.environment;
    g.tests = {};

    // Called after the user's code (or with the error it threw).
    return function finish(value, error) {
        for (const [name, v] of Object.entries(exportsObject)) setGlobal(name, v);
        for (const [name, v] of Object.entries(globalObject)) {
            if (!has(input.globals, name) || input.globals[name] !== v) setGlobal(name, v);
        }
        for (const name of Object.keys(input.globals)) {
            if (!has(globalObject, name)) unsetGlobal(name); // delete $global.name
        }
        for (const [name, passed] of Object.entries(g.tests)) {
            out.tests.push({ name, passed: !!passed, message: passed ? '' : 'false' });
        }
        if (error !== undefined) out.error = error;
        if (input.phase === 'expression') out.value = value === undefined ? null : value;
        if (!requestChanged) delete out.request;
        return JSON.stringify(out, (key, v) => typeof v === 'function' ? undefined : v);
    };
})
