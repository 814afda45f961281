#include "sandbox.h"

#include "native.h"

#include <QFile>
#include <QJSEngine>
#include <QJsonDocument>
#include <QRegularExpression>

#include <condition_variable>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/resource.h>

namespace ApiLens::ScriptHost {

namespace {

using Core::ScriptInput;
using Core::ScriptOutcome;

// The file name the user's code is evaluated under, to find its frames in a stack.
constexpr char UserScriptName[] = "user-script";

QString resourceText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Stops the engine when the script runs past its limit (QJSEngine::setInterrupted is thread-safe).
class Watchdog
{
public:
    Watchdog(QJSEngine *engine, int limitMs)
        : m_thread([this, engine, limitMs] {
            std::unique_lock<std::mutex> lock(m_mutex);
            if (!m_done.wait_for(lock, std::chrono::milliseconds(limitMs), [this] { return m_finished; })) {
                engine->setInterrupted(true);
            }
        })
    {}
    ~Watchdog()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_finished = true;
        }
        m_done.notify_all();
        m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_done;
    bool m_finished = false;
    std::thread m_thread;
};

// httpyac scripts may await; every API here is synchronous, so "await x" is x (Qt 6.4's
// engine has no async functions).
QString withoutAwait(QString code)
{
    static const QRegularExpression await(QStringLiteral("\\bawait\\s+"));
    static const QRegularExpression async(
        QStringLiteral("\\basync\\s+(?=function\\b|\\(|[A-Za-z_$][\\w$]*\\s*=>)"));
    return code.replace(await, QString()).replace(async, QString());
}

QString wrapped(const ScriptInput &input)
{
    const QString code = input.dialect == QLatin1String("httpyac") ? withoutAwait(input.code) : input.code;
    if (input.phase == ScriptInput::Phase::Expression) {
        return QStringLiteral("(function () { return (") + code + QStringLiteral("\n); })");
    }
    return QStringLiteral("(function () {") + code + QStringLiteral("\n})");
}

// "file.http:12: ReferenceError: x is not defined", the line counted in the file.
QString errorText(const QJSValue &error, const ScriptInput &input)
{
    if (error.isObject() && error.property(QStringLiteral("apilensExit")).toBool()) {
        return {}; // client.exit()
    }
    // The innermost frame in the user's code ("fn@file:user-script:3"), not in the API's own.
    int line = 1;
    static const QRegularExpression frame(QStringLiteral("@(?:file:)?") + QLatin1String(UserScriptName) +
                                          QStringLiteral(":(\\d+)"));
    const QRegularExpressionMatch match = frame.match(error.property(QStringLiteral("stack")).toString());
    if (match.hasMatch()) {
        line = match.captured(1).toInt();
    } else if (error.property(QStringLiteral("lineNumber")).isNumber()) {
        line = error.property(QStringLiteral("lineNumber")).toInt();
    }
    return QStringLiteral("%1:%2: ").arg(input.origin).arg(input.line + line - 1) + error.toString();
}

} // namespace

struct Sandbox::Engine
{
    QJSEngine engine;
    Native native;
    QJSValue nativeValue;
    QJSValue prelude;      // the API, set up anew for each script
    QJSValue clearGlobals; // removes what the last script (and its API) left on the global object
    bool usable = true;
};

Sandbox::Sandbox()
{
    renew();
}

Sandbox::~Sandbox() = default;

void Sandbox::renew()
{
    m_engine = std::make_unique<Engine>();
    QJSEngine &engine = m_engine->engine;
    engine.evaluate(resourceText(QStringLiteral(":/scripthost/expect.js")), QStringLiteral("expect.js"));
    m_engine->prelude = engine.evaluate(resourceText(QStringLiteral(":/scripthost/prelude.js")),
                                        QStringLiteral("prelude.js"));
    m_engine->nativeValue = engine.newQObject(&m_engine->native);
    engine.setObjectOwnership(&m_engine->native, QJSEngine::CppOwnership);
    m_engine->clearGlobals = engine.evaluate(QStringLiteral(
        "(function (keep) { const g = this; return function () {"
        " for (const name of Object.getOwnPropertyNames(g)) { if (!keep.has(name)) delete g[name]; } }; })"
        ".call(this, new Set(Object.getOwnPropertyNames(this)))"));
}

ScriptOutcome Sandbox::run(const ScriptInput &input)
{
    if (!m_engine->usable || input.scope != m_scope) {
        renew();
        m_scope = input.scope;
    }
    m_engine->clearGlobals.call();
    QJSEngine &engine = m_engine->engine;
    const QJSValue json = engine.globalObject().property(QStringLiteral("JSON"));
    const QJSValue inputValue =
        json.property(QStringLiteral("parse"))
            .call({QString::fromUtf8(QJsonDocument(Core::toJson(input)).toJson(QJsonDocument::Compact))});
    const QJSValue finish =
        m_engine->prelude.call({inputValue, m_engine->nativeValue, engine.globalObject()});
    ScriptOutcome outcome;
    if (finish.isError() || !finish.isCallable()) {
        outcome.error = QStringLiteral("the script API could not be set up: %1").arg(finish.toString());
        m_engine->usable = false;
        return outcome;
    }
    QJSValue value;
    QString error;
    {
        const Watchdog watchdog(&engine, input.timeLimitMs);
        const QJSValue function = engine.evaluate(wrapped(input), QLatin1String(UserScriptName));
        value = function.isError() ? function : function.call();
        if (engine.isInterrupted()) {
            error = QStringLiteral("%1:%2: stopped: still running after %3 ms (a script may run for %3 ms)")
                        .arg(input.origin)
                        .arg(input.line)
                        .arg(input.timeLimitMs);
            m_engine->usable = false; // stopped half way: the next script gets a new engine
        } else if (value.isError() || function.isError()) {
            error = errorText(value, input);
        }
    }
    engine.setInterrupted(false);
    // A thrown value that is not an Error (throw "x", client.exit()) comes back as a plain value.
    const QJSValue text =
        finish.call({error.isEmpty() ? value : QJSValue(), error.isEmpty() ? QJSValue() : QJSValue(error)});
    if (text.isError()) {
        outcome.error = error.isEmpty() ? QStringLiteral("%1:%2: the script's results cannot be read: %3")
                                              .arg(input.origin)
                                              .arg(input.line)
                                              .arg(text.toString())
                                        : error;
        m_engine->usable = false;
        return outcome;
    }
    return Core::scriptOutcomeFromJson(QJsonDocument::fromJson(text.toString().toUtf8()).object());
}

// The process's private writable memory now (what RLIMIT_DATA counts), in bytes.
static rlim_t dataInUse()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmData:")) {
            return rlim_t(line.mid(7).trimmed().split(' ').value(0).toULongLong()) * 1024;
        }
    }
    return 0;
}

bool enterSandbox(QString *error)
{
    // What scripts may add to what the host uses already (a sanitizer build maps a lot).
    const rlim_t memory = dataInUse() + rlim_t(Core::ScriptMemoryLimitMb) * 1024 * 1024;
    const struct rlimit data
    {
        memory, memory
    };
    const struct rlimit none
    {
        0, 0
    };
    if (setrlimit(RLIMIT_DATA, &data) != 0 || setrlimit(RLIMIT_CORE, &none) != 0) {
        *error = QStringLiteral("cannot set the memory limit");
        return false;
    }
    // No sockets, no new processes, no files opened for writing, nothing renamed or removed.
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
    if (!filter) {
        *error = QStringLiteral("cannot set up seccomp");
        return false;
    }
    const int denied[] = {SCMP_SYS(socket),    SCMP_SYS(socketpair), SCMP_SYS(connect),  SCMP_SYS(bind),
                          SCMP_SYS(listen),    SCMP_SYS(accept),     SCMP_SYS(accept4),  SCMP_SYS(execve),
                          SCMP_SYS(execveat),  SCMP_SYS(fork),       SCMP_SYS(vfork),    SCMP_SYS(ptrace),
                          SCMP_SYS(unlink),    SCMP_SYS(unlinkat),   SCMP_SYS(rename),   SCMP_SYS(renameat),
                          SCMP_SYS(renameat2), SCMP_SYS(mkdir),      SCMP_SYS(mkdirat),  SCMP_SYS(rmdir),
                          SCMP_SYS(link),      SCMP_SYS(linkat),     SCMP_SYS(symlink),  SCMP_SYS(symlinkat),
                          SCMP_SYS(chmod),     SCMP_SYS(fchmodat),   SCMP_SYS(truncate), SCMP_SYS(creat)};
    int rc = 0;
    for (const int call : denied) {
        rc |= seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), call, 0);
    }
    // clone() for anything but a thread (a new process), clone3 (glibc falls back to clone).
    // The comparisons spelled as structs: libseccomp's SCMP_A0… macros are C99 compound literals.
    const auto masked = [](unsigned int arg, scmp_datum_t mask, scmp_datum_t value) {
        return scmp_arg_cmp{arg, SCMP_CMP_MASKED_EQ, mask, value};
    };
    rc |= seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1, masked(0, CLONE_THREAD, 0));
    rc |= seccomp_rule_add(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    for (const int flag : {O_WRONLY, O_RDWR, O_CREAT, O_TRUNC}) {
        rc |= seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(openat), 1,
                               masked(2, scmp_datum_t(flag), scmp_datum_t(flag)));
        rc |= seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(open), 1,
                               masked(1, scmp_datum_t(flag), scmp_datum_t(flag)));
    }
    rc |= seccomp_load(filter);
    seccomp_release(filter);
    if (rc != 0) {
        *error = QStringLiteral("cannot load the seccomp filter");
        return false;
    }
    return true;
}

} // namespace ApiLens::ScriptHost
