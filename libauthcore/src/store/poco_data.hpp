// SPDX-License-Identifier: Apache-2.0
// The Poco::Data headers the store uses, included in one place.
#pragma once

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

namespace authcore::sql {

using Poco::Data::RecordSet;
using Poco::Data::Session;
using Poco::Data::Statement;
namespace kw = Poco::Data::Keywords;

} // namespace authcore::sql
