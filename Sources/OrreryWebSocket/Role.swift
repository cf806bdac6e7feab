/// Which end of the connection a state machine plays; decides masking rules.
public enum Role: Sendable, Equatable {
    /// Receives masked frames, sends unmasked frames.
    case server
    /// Receives unmasked frames, sends masked frames.
    case client
}
