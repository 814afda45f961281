#pragma once

#include "http/statusclass.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineOption;
class QCommandLineParser;

namespace ApiLens::Cli {

// Where output goes and whether it is coloured: on a terminal unless NO_COLOR is set;
// --color=always|never overrides.
class Terminal
{
public:
    enum class ColorMode { Auto, Always, Never };

    Terminal(ColorMode mode, bool stdoutIsTty);

    bool colored() const { return m_colored; }
    bool isTty() const { return m_tty; }

    // ANSI 16-colour match of the status-class hues: 2xx green, 3xx cyan, 4xx yellow,
    // 5xx red, 1xx blue, no response grey.
    QByteArray statusColor(Core::StatusClass statusClass) const;
    QByteArray bold() const;
    QByteArray dim() const;
    QByteArray reset() const;

    static bool parseColorMode(const QString &text, ColorMode *mode);

private:
    bool m_colored;
    bool m_tty;
};

// Parses `apilens-cli COMMAND ARGUMENTS`. Returns an exit code when the command stops
// here: 1 after printing what is wrong, 0 after printing --help.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QString &command,
                                    const QStringList &arguments);

// The value of a --color option; false (after printing why) when it is not auto/always/never.
bool colorModeOption(const QCommandLineParser &parser, const QCommandLineOption &option,
                     const QString &command, Terminal::ColorMode *mode);

// Exact bytes to stdout; one line (newline added) to stderr.
void writeOut(const QByteArray &bytes);
void writeErr(const QString &line);

} // namespace ApiLens::Cli
