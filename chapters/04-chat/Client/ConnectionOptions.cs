using System.CommandLine;
using System.Net;
using Course.Cli;

namespace Chat;

/// <summary>
/// The options every verb that connects shares (client and bot): where the server is, TLS and how to
/// trust it, how long to wait, the longest line; and the connection they describe.
/// </summary>
internal sealed class ConnectionOptions
{
    public Option<string> Host { get; } = CommonOptions.Host();
    public Option<int> Port { get; } = CommonOptions.Port(5004);
    public Option<bool> Tls { get; } = new("--tls") { Description = "Speak TLS (server: with a fresh self-signed certificate unless --cert is given)" };
    public Option<string?> Fingerprint { get; } = new("--fingerprint") { Description = "With --tls: the server's certificate fingerprint, as the server printed it" };
    public Option<bool> Insecure { get; } = new("--insecure") { Description = "With --tls: accept any certificate (encrypted, but you cannot know who you talk to)" };
    public Option<double> Timeout { get; } = Ranged.Above("--timeout", "Give up connecting, or waiting for the welcome, after this many seconds", 5.0, 0, 3600);
    public Option<int> MaxLine { get; } = Ranged.Between("--max-line", "Longest line a client may send, in bytes", 1024, 1, 1024 * 1024);

    public IEnumerable<Option> All => [Host, Port, Tls, Fingerprint, Insecure, Timeout, MaxLine];

    /// <summary>Connects as the options say; a self-signed server without --fingerprint or --insecure is a usage error.</summary>
    public async Task<ChatConnection> ConnectAsync(ParseResult args, CancellationToken cancel)
    {
        IPEndPoint endPoint = Endpoints.Parse(args.GetValue(Host)!, args.GetValue(Port));
        TlsChoice? choice = args.GetValue(Tls) ? new TlsChoice(args.GetValue(Fingerprint), args.GetValue(Insecure)) : null;
        if (choice is { Fingerprint: null, AcceptAny: false })
            throw new UserError("--tls needs --fingerprint <the server's fingerprint> (or --insecure) for a self-signed server.", ExitCodes.Usage);
        // The same line limit as the server's (plus the prefix the server adds): a server cannot make us hold more.
        return await ChatConnection.ConnectAsync(endPoint, choice, TimeSpan.FromSeconds(args.GetValue(Timeout)), cancel, args.GetValue(MaxLine));
    }
}
