#pragma once

#include "util/format.h"

namespace ApiLens::Ui {

// The views format sizes and durations as the core does (one formatter).
using Core::countOf;
using Core::humanDuration;
using Core::humanSize;

} // namespace ApiLens::Ui
