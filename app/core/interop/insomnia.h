#pragma once

#include "har.h"

namespace ApiLens::Core {

// An Insomnia v4 export: request groups become folders with one .http file each (requests at
// the top of a workspace go in "<workspace>.http"), Insomnia's {{ _.name }} variables become
// {{name}}, query parameters join the URL, auth and bodies carry over, the base environment
// becomes "$shared" and sub-environments named environments (private ones to the private file).
ImportResult importInsomnia(const QByteArray &json);
bool isInsomniaExport(const QByteArray &json);

} // namespace ApiLens::Core
