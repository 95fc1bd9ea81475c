namespace Chat;

/// <summary>The client's exit codes, so a script can tell failures apart without reading the message.</summary>
public static class ClientExitCodes
{
    public const int Refused = 10;
    public const int TimedOut = 11;
    /// <summary>The TLS handshake failed: wrong fingerprint, or a plain server.</summary>
    public const int Tls = 14;
}
