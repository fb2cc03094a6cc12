#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace gov {

// Error classes that callers branch on. The CLI maps them to exit codes.
enum class ErrorCode {
    InvalidInput,      // a value failed a data-standard or format check
    NotFound,          // a case, matter, file or key does not exist
    Conflict,          // the value exists already or was changed concurrently
    IllegalTransition, // the workflow does not allow this action in this state
    OutOfRange,        // a date outside the calendar, a number outside its limits
    Storage,           // SQLite or file-system failure
    Crypto,            // a provider call failed or a MAC did not verify
    Integrity,         // a hash chain, digest or signature check failed
    Io,                // reading or writing a file failed
    Unsupported,       // the platform or provider lacks a feature
};

// An error with a stable code, developer detail for logs (no personal data),
// and a translated sentence for the user that names the value and the fix.
struct Error {
    ErrorCode code = ErrorCode::InvalidInput;
    QString detail;
    QString userText;
};

inline Error makeError(ErrorCode code, QString detail, QString userText = {})
{
    if (userText.isEmpty())
        userText = detail;
    return Error{code, std::move(detail), std::move(userText)};
}

// A value or an error. No exceptions cross module boundaries.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &std::get<0>(m_data); }
    T *operator->() { return &std::get<0>(m_data); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace gov
