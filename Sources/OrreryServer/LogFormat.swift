/// Builds logfmt lines: `ts=2024-05-01T12:00:00.123Z level=info event=listening host=127.0.0.1 port=8080`.
public enum LogFormat {
    /// One line (without a newline): `ts`, `level` and `event`, then `fields` in order.
    public static func line(level: LogLevel, event: String, fields: KeyValuePairs<String, any CustomStringConvertible>,
                            unixNanoseconds: Int64) -> String {
        var line = "ts=" + timestamp(unixNanoseconds: unixNanoseconds)
        line += " level=" + level.description
        line += " event=" + value(event)
        for (key, fieldValue) in fields {
            line += " " + self.key(key) + "=" + value(fieldValue.description)
        }
        return line
    }

    /// `text` as a logfmt value: bare when it is non-empty and has no space, control character, `=` or `"`;
    /// otherwise in double quotes with `\`, `"`, newline, carriage return, tab and other control characters escaped.
    public static func value(_ text: String) -> String {
        let needsQuotes = text.isEmpty || text.unicodeScalars.contains { scalar in
            scalar.value <= 0x20 || scalar.value == 0x7f || scalar == "=" || scalar == "\""
        }
        guard needsQuotes else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    let hex = String(scalar.value, radix: 16)
                    quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    /// `text` as a logfmt key: spaces, control characters, `=` and `"` become `_`; an empty key becomes `_`.
    public static func key(_ text: String) -> String {
        guard !text.isEmpty else { return "_" }
        var key = ""
        for scalar in text.unicodeScalars {
            let bad = scalar.value <= 0x20 || scalar.value == 0x7f || scalar == "=" || scalar == "\""
            key.unicodeScalars.append(bad ? "_" : scalar)
        }
        return key
    }

    /// RFC 3339 UTC with milliseconds, e.g. `2024-05-01T12:00:00.123Z`, for nanoseconds since the Unix epoch
    /// (rounded down to the millisecond; negative values give times before 1970).
    public static func timestamp(unixNanoseconds: Int64) -> String {
        let milliseconds = floorDivide(unixNanoseconds, 1_000_000)
        let seconds = floorDivide(milliseconds, 1000)
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
            + "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
            + "." + pad(milliseconds - seconds * 1000, 3) + "Z"
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
