// The outcome of a studio operation that can fail (open, save, recover, autosave, export a figure,
// run an analysis): success, or failure with the message to show the user (the file, the member,
// what was expected). Returned by value and marked [[nodiscard]], so that a caller cannot drop a
// failure without saying so.
#pragma once

#include <QString>

#include <utility>

namespace tinyfoot::studio {

class [[nodiscard]] OperationResult {
public:
    /// Success (also what a default-constructed result is).
    OperationResult() = default;
    static OperationResult success() { return {}; }
    /// Failure with what went wrong; an empty message still fails (as "failed").
    static OperationResult failure(QString message) {
        OperationResult r;
        r.m_failed = true;
        r.m_message = message.isEmpty() ? QStringLiteral("failed") : std::move(message);
        return r;
    }

    bool succeeded() const { return !m_failed; }
    bool failed() const { return m_failed; }
    /// What went wrong; empty on success.
    const QString& message() const { return m_message; }

private:
    bool m_failed = false;
    QString m_message;
};

} // namespace tinyfoot::studio
