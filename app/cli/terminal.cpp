#include "terminal.h"

#include "sendcommand.h"

#include <QCommandLineParser>
#include <QtGlobal>

#include <cstdio>

namespace ApiLens::Cli {

Terminal::Terminal(ColorMode mode, bool stdoutIsTty)
    : m_tty(stdoutIsTty)
{
    switch (mode) {
    case ColorMode::Always:
        m_colored = true;
        break;
    case ColorMode::Never:
        m_colored = false;
        break;
    case ColorMode::Auto:
        m_colored = stdoutIsTty && qEnvironmentVariableIsEmpty("NO_COLOR") &&
                    qgetenv("TERM") != QByteArrayLiteral("dumb");
        break;
    }
}

QByteArray Terminal::statusColor(Core::StatusClass statusClass) const
{
    if (!m_colored) {
        return {};
    }
    switch (statusClass) {
    case Core::StatusClass::Informational:
        return QByteArrayLiteral("\x1b[1;34m");
    case Core::StatusClass::Success:
        return QByteArrayLiteral("\x1b[1;32m");
    case Core::StatusClass::Redirection:
        return QByteArrayLiteral("\x1b[1;36m");
    case Core::StatusClass::ClientError:
        return QByteArrayLiteral("\x1b[1;33m");
    case Core::StatusClass::ServerError:
        return QByteArrayLiteral("\x1b[1;31m");
    case Core::StatusClass::None:
        break;
    }
    return QByteArrayLiteral("\x1b[1;90m");
}

QByteArray Terminal::bold() const
{
    return m_colored ? QByteArrayLiteral("\x1b[1m") : QByteArray();
}

QByteArray Terminal::dim() const
{
    return m_colored ? QByteArrayLiteral("\x1b[2m") : QByteArray();
}

QByteArray Terminal::reset() const
{
    return m_colored ? QByteArrayLiteral("\x1b[0m") : QByteArray();
}

bool Terminal::parseColorMode(const QString &text, ColorMode *mode)
{
    if (text == QLatin1String("always")) {
        *mode = ColorMode::Always;
    } else if (text == QLatin1String("never")) {
        *mode = ColorMode::Never;
    } else if (text == QLatin1String("auto")) {
        *mode = ColorMode::Auto;
    } else {
        return false;
    }
    return true;
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QString &command,
                                    const QStringList &arguments)
{
    if (!parser.parse(QStringList{QStringLiteral("apilens-cli ") + command} + arguments)) {
        writeErr(QStringLiteral("apilens-cli %1: %2").arg(command, parser.errorText()));
        return ExitError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // "Usage: apilens-cli send [options]…", not the path the program was started by.
        QString help = parser.helpText();
        const qsizetype options = help.indexOf(QLatin1String(" [options]"));
        const QLatin1String usage("Usage: ");
        if (help.startsWith(usage) && options > 0) {
            help.replace(usage.size(), options - usage.size(), QStringLiteral("apilens-cli ") + command);
        }
        writeOut(help.toUtf8());
        return ExitOk;
    }
    return std::nullopt;
}

bool colorModeOption(const QCommandLineParser &parser, const QCommandLineOption &option,
                     const QString &command, Terminal::ColorMode *mode)
{
    if (Terminal::parseColorMode(parser.value(option), mode)) {
        return true;
    }
    writeErr(QStringLiteral("apilens-cli %1: --color takes auto, always or never, not '%2'")
                 .arg(command, parser.value(option)));
    return false;
}

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void writeErr(const QString &line)
{
    const QByteArray bytes = line.toLocal8Bit() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

} // namespace ApiLens::Cli
