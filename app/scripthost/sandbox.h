#pragma once

#include "scripting/scriptprotocol.h"

#include <memory>

namespace ApiLens::ScriptHost {

// Runs scripts with ApiLens's script API, stopping each one that runs past its time limit.
// Scripts of one collection (ScriptInput::scope) share an engine, its globals cleared between
// them; another collection, or a script that had to be stopped, gets a new engine. Blocking;
// the host process calls it for each request line.
class Sandbox
{
public:
    Sandbox();
    ~Sandbox();
    Core::ScriptOutcome run(const Core::ScriptInput &input);

private:
    void renew();
    struct Engine;
    std::unique_ptr<Engine> m_engine;
    QString m_scope;
};

// Puts the host process under its limits: memory, no files written, no new processes, no
// sockets (seccomp). Called once, before the first script.
bool enterSandbox(QString *error);

} // namespace ApiLens::ScriptHost
