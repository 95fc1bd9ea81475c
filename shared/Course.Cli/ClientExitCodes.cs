namespace Course.Cli;

/// <summary>
/// The clients' exit codes, one per failure, the same in every chapter: a script (or a test) can tell the
/// failures apart without reading the message, and a 10 means "refused" whichever client printed it.
/// </summary>
public static class ClientExitCodes
{
    /// <summary>Nothing listens at that address and port: the server's kernel answered with a reset.</summary>
    public const int Refused = 10;
    /// <summary>No answer in time: connecting, or waiting for a reply.</summary>
    public const int TimedOut = 11;
    /// <summary>The connection was torn down abruptly (a reset) while we used it.</summary>
    public const int Reset = 12;
    /// <summary>The server closed the connection cleanly, but before sending back everything.</summary>
    public const int ClosedEarly = 13;
    /// <summary>Something answered, but not as the protocol says (what came back is not an echo, say): the wrong server.</summary>
    public const int WrongReply = 14;
    /// <summary>The TLS handshake failed: the certificate is not the one expected, or a plain server.</summary>
    public const int Tls = 15;
}
