#pragma once

#include "scripting/scriptprotocol.h"

namespace ApiLens::ScriptHost {

// Runs one script in a fresh JavaScript engine with ApiLens's script API, stopping it when
// it runs past its time limit. Blocking; the host process calls it for each request line.
Core::ScriptOutcome runScript(const Core::ScriptInput &input);

// Puts the host process under its limits: memory, no files written, no new processes, no
// sockets (seccomp). Called once, before the first script.
bool enterSandbox(QString *error);

} // namespace ApiLens::ScriptHost
