namespace Echo;

/// <summary>
/// The client's exit codes: a script (or a test) can tell the failures apart without reading the message.
/// </summary>
public static class ClientExitCodes
{
    /// <summary>Nothing listens at that address and port: the server's kernel answered with a reset.</summary>
    public const int Refused = 10;
    /// <summary>No answer in time: connecting, or waiting for the echo.</summary>
    public const int TimedOut = 11;
    /// <summary>The connection was torn down abruptly (a reset) while we used it.</summary>
    public const int Reset = 12;
    /// <summary>The server closed the connection cleanly, but before sending back everything.</summary>
    public const int ClosedEarly = 13;
    /// <summary>Something answered, but what came back is not what we sent: not an echo server.</summary>
    public const int NotAnEcho = 14;
}
