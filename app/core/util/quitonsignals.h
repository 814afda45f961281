#pragma once

#include <QObject>

#include <functional>

namespace ApiLens::Core {

// SIGINT, SIGTERM (Ctrl+C, `kill`, a session manager at logout) and SIGHUP run `quit` in the
// event loop, so a program ends as it does when asked (the app writes its session, the demo
// server says it stopped). The handler only writes a byte that the loop reads.
void quitOnSignals(QObject *parent, std::function<void()> quit);

} // namespace ApiLens::Core
