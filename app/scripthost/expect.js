// The chai assertions Postman scripts use: pm.expect(x).to.eql(y), .to.be.a('string'),
// .to.have.property('id'), .to.include(v), .to.be.above(n), .not…, and pm.response.to.have.status(200).
(function (g) {
    'use strict';
    const show = v => { try { return typeof v === 'string' ? "'" + v + "'" : JSON.stringify(v); } catch (e) { return String(v); } };
    const typeName = v => v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
    function deepEqual(a, b) {
        if (a === b) return true;
        if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
        if (Array.isArray(a) !== Array.isArray(b)) return false;
        const ka = Object.keys(a), kb = Object.keys(b);
        return ka.length === kb.length && ka.every(k => deepEqual(a[k], b[k]));
    }
    function includes(container, item) {
        if (typeof container === 'string') return container.includes(item);
        if (Array.isArray(container)) return container.some(v => deepEqual(v, item));
        if (container && typeof container === 'object' && item && typeof item === 'object') {
            return Object.keys(item).every(k => deepEqual(container[k], item[k]));
        }
        return false;
    }
    const chains = ['to', 'be', 'been', 'is', 'that', 'which', 'and', 'has', 'have', 'with', 'at', 'of', 'same', 'but', 'does', 'still', 'deep', 'any', 'all', 'own', 'nested'];
    function Assertion(value, negate) {
        this.value = value;
        this.negate = !!negate;
    }
    const proto = Assertion.prototype;
    proto.check = function (ok, message, negatedMessage) {
        if (ok === this.negate) throw new Error(this.negate ? negatedMessage : message);
        return this;
    };
    for (const name of chains) Object.defineProperty(proto, name, { get() { return this; } });
    Object.defineProperty(proto, 'not', { get() { return new Assertion(this.value, !this.negate); } });
    const flag = (name, test, what) => Object.defineProperty(proto, name, {
        get() { return this.check(test(this.value), 'expected ' + show(this.value) + ' to be ' + what, 'expected ' + show(this.value) + ' not to be ' + what); },
    });
    flag('ok', v => !!v, 'truthy');
    flag('true', v => v === true, 'true');
    flag('false', v => v === false, 'false');
    flag('null', v => v === null, 'null');
    flag('undefined', v => v === undefined, 'undefined');
    flag('NaN', v => Number.isNaN(v), 'NaN');
    flag('exist', v => v !== null && v !== undefined, 'defined');
    flag('empty', v => v !== null && v !== undefined && (typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).length === 0 : v.length === 0), 'empty');
    const method = (names, fn) => { for (const n of names) proto[n] = fn; };
    method(['a', 'an'], function (type) {
        return this.check(typeName(this.value) === String(type).toLowerCase(), 'expected ' + show(this.value) + ' to be a ' + type, 'expected ' + show(this.value) + ' not to be a ' + type);
    });
    method(['equal', 'equals', 'eq'], function (expected) {
        return this.check(this.value === expected, 'expected ' + show(this.value) + ' to equal ' + show(expected), 'expected ' + show(this.value) + ' not to equal ' + show(expected));
    });
    method(['eql', 'eqls'], function (expected) {
        return this.check(deepEqual(this.value, expected), 'expected ' + show(this.value) + ' to deeply equal ' + show(expected), 'expected ' + show(this.value) + ' not to deeply equal ' + show(expected));
    });
    method(['include', 'includes', 'contain', 'contains'], function (item) {
        return this.check(includes(this.value, item), 'expected ' + show(this.value) + ' to include ' + show(item), 'expected ' + show(this.value) + ' not to include ' + show(item));
    });
    method(['above', 'gt', 'greaterThan'], function (n) { return this.check(this.value > n, 'expected ' + show(this.value) + ' to be above ' + n, 'expected ' + show(this.value) + ' to be at most ' + n); });
    method(['least', 'gte'], function (n) { return this.check(this.value >= n, 'expected ' + show(this.value) + ' to be at least ' + n, 'expected ' + show(this.value) + ' to be below ' + n); });
    method(['below', 'lt', 'lessThan'], function (n) { return this.check(this.value < n, 'expected ' + show(this.value) + ' to be below ' + n, 'expected ' + show(this.value) + ' to be at least ' + n); });
    method(['most', 'lte'], function (n) { return this.check(this.value <= n, 'expected ' + show(this.value) + ' to be at most ' + n, 'expected ' + show(this.value) + ' to be above ' + n); });
    method(['within'], function (low, high) { return this.check(this.value >= low && this.value <= high, 'expected ' + show(this.value) + ' to be within ' + low + '..' + high, 'expected ' + show(this.value) + ' not to be within ' + low + '..' + high); });
    method(['oneOf'], function (list) { return this.check(list.some(v => deepEqual(v, this.value)), 'expected ' + show(this.value) + ' to be one of ' + show(list), 'expected ' + show(this.value) + ' not to be one of ' + show(list)); });
    method(['match', 'matches'], function (re) { return this.check(re.test(String(this.value)), 'expected ' + show(this.value) + ' to match ' + re, 'expected ' + show(this.value) + ' not to match ' + re); });
    method(['lengthOf', 'length'], function (n) {
        const length = this.value === null || this.value === undefined ? undefined : this.value.length;
        return this.check(length === n, 'expected ' + show(this.value) + ' to have a length of ' + n + ' but got ' + length, 'expected ' + show(this.value) + ' not to have a length of ' + n);
    });
    method(['property'], function (name, expected) {
        const present = this.value !== null && this.value !== undefined && Object(this.value)[name] !== undefined;
        if (arguments.length < 2) {
            this.check(present, 'expected ' + show(this.value) + ' to have property ' + show(name), 'expected ' + show(this.value) + ' not to have property ' + show(name));
            return present ? new Assertion(Object(this.value)[name], false) : this;
        }
        return this.check(present && deepEqual(this.value[name], expected), 'expected ' + show(this.value) + ' to have property ' + show(name) + ' of ' + show(expected), 'expected ' + show(this.value) + ' not to have property ' + show(name) + ' of ' + show(expected));
    });
    method(['keys', 'key'], function (...names) {
        const list = names.length === 1 && Array.isArray(names[0]) ? names[0] : names;
        const keys = this.value ? Object.keys(this.value) : [];
        return this.check(list.every(k => keys.includes(k)), 'expected ' + show(this.value) + ' to have keys ' + show(list), 'expected ' + show(this.value) + ' not to have keys ' + show(list));
    });
    method(['members'], function (list) { return this.check(Array.isArray(this.value) && list.every(v => includes(this.value, v)) && list.length === this.value.length, 'expected ' + show(this.value) + ' to have members ' + show(list), 'expected ' + show(this.value) + ' not to have members ' + show(list)); });
    method(['instanceOf', 'instanceof'], function (type) { return this.check(this.value instanceof type, 'expected ' + show(this.value) + ' to be an instance of ' + (type && type.name), 'expected ' + show(this.value) + ' not to be an instance of ' + (type && type.name)); });
    method(['throw', 'throws'], function () {
        let threw = false;
        try { this.value(); } catch (e) { threw = true; }
        return this.check(threw, 'expected the function to throw', 'expected the function not to throw');
    });
    g.__apilensExpect = value => new Assertion(value, false);

    // pm.response.to.have.status(200), .to.have.header('X'), .to.be.ok, .to.be.json, .to.have.body(…).
    g.__apilensResponseExpect = response => {
        function build(negate) {
            const self = {};
            const check = (ok, message, negated) => { if (ok === negate) throw new Error(negate ? negated : message); return self; };
            for (const name of chains) Object.defineProperty(self, name, { get: () => self });
            Object.defineProperty(self, 'not', { get: () => build(!negate) });
            self.status = code => typeof code === 'number'
                ? check(response.code === code, 'expected response to have status code ' + code + ' but got ' + response.code, 'expected response not to have status code ' + code)
                : check(response.status === code, 'expected response to have status reason ' + code + ' but got ' + response.status, 'expected response not to have status reason ' + code);
            self.header = (name, value) => check(response.headers.has(name) && (value === undefined || response.headers.get(name) === value),
                'expected response to have header ' + name + (value === undefined ? '' : ' with value ' + value), 'expected response not to have header ' + name);
            self.body = value => check(value === undefined ? response.text().length > 0 : response.text() === (typeof value === 'string' ? value : JSON.stringify(value)),
                'expected response body' + (value === undefined ? ' to be present' : ' to equal ' + show(value)), 'expected response not to have that body');
            self.jsonBody = (path, value) => {
                let json; try { json = response.json(); } catch (e) { return check(false, 'expected response body to be JSON', ''); }
                if (path === undefined) return check(true, '', 'expected response body not to be JSON');
                const found = String(path).split('.').reduce((o, k) => (o === undefined || o === null) ? undefined : o[k], json);
                return check(value === undefined ? found !== undefined : deepEqual(found, value), 'expected response JSON to have ' + path + (value === undefined ? '' : ' = ' + show(value)), 'expected response JSON not to have ' + path);
            };
            self.responseTime = { below: n => check(response.responseTime < n, 'expected response time below ' + n + ' ms', ''), above: n => check(response.responseTime > n, 'expected response time above ' + n + ' ms', '') };
            const classes = { ok: c => c === 200, success: c => c >= 200 && c < 300, redirection: c => c >= 300 && c < 400,
                clientError: c => c >= 400 && c < 500, serverError: c => c >= 500, error: c => c >= 400, info: c => c < 200,
                accepted: c => c === 202, badRequest: c => c === 400, unauthorized: c => c === 401, forbidden: c => c === 403,
                notFound: c => c === 404, rateLimited: c => c === 429 };
            for (const [name, test] of Object.entries(classes)) {
                Object.defineProperty(self, name, { get: () => check(test(response.code), 'expected response to be ' + name + ' but got ' + response.code, 'expected response not to be ' + name) });
            }
            Object.defineProperty(self, 'json', { get: () => { let ok = true; try { response.json(); } catch (e) { ok = false; } return check(ok, 'expected response body to be JSON', 'expected response body not to be JSON'); } });
            return self;
        }
        return build(false);
    };
})(this);
