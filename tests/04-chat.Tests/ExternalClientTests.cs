using Course.Cli;
using Course.Testing;

namespace Chat.Tests;

/// <summary>Clients we did not write: nc for the line protocol, openssl s_client for TLS.</summary>
public sealed class ExternalClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [NeedsProgramFact("nc", "sudo apt-get install netcat-openbsd")]
    public async Task Netcat_can_chat()
    {
        await using var server = await Servers.Start();
        await using var friend = await RawClient.ConnectAsync(server.EndPoint);

        // nc sends its input, then keeps reading until the server closes (after /quit).
        var nc = await ExternalProgram.RunAsync("nc", ["127.0.0.1", server.EndPoint.Port.ToString()],
            "/nick nora\nhello from nc\n/me leaves\n/quit\n", Patience);

        Assert.Equal(
            "* welcome, guest2! /help lists the commands, /nick <name> picks your name.\n"
            + "* guest2 is now nora\n* nora leaves\n* bye\n",
            nc.StandardOutput.Replace("\r\n", "\n"));
        Assert.Equal(
            ["* guest2 joined", "* guest2 is now nora", "<nora> hello from nc", "* nora leaves", "* nora left (quit)"],
            await friend.WaitForAsync(l => l == "* nora left (quit)"));
    }

    [NeedsProgramFact("openssl", "sudo apt-get install openssl")]
    public async Task Openssl_s_client_can_chat_over_TLS()
    {
        using var certificate = Certificates.CreateSelfSigned();
        await using var server = await Servers.Start(Servers.Options() with { Certificate = certificate });

        // -quiet: no certificate dump, and keep reading after our input ends (until the server closes).
        var openssl = await ExternalProgram.RunAsync("openssl",
            ["s_client", "-connect", $"127.0.0.1:{server.EndPoint.Port}", "-quiet"],
            "/nick olga\n/who\n/quit\n", Patience);

        Assert.Contains("* welcome, guest1!", openssl.StandardOutput);
        Assert.Contains("* guest1 is now olga\n* 1 here: olga\n* bye\n", openssl.StandardOutput.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task Our_client_checks_the_fingerprint()
    {
        using var certificate = Certificates.CreateSelfSigned();
        await using var server = await Servers.Start(Servers.Options() with { Certificate = certificate });

        await using (var good = await ChatConnection.ConnectAsync(server.EndPoint, new TlsChoice(Certificates.Fingerprint(certificate), false), Patience, CancellationToken.None))
            Assert.StartsWith("* welcome", await good.ReadLineAsync(CancellationToken.None));

        using var other = Certificates.CreateSelfSigned();
        UserError wrong = await Assert.ThrowsAsync<UserError>(() =>
            ChatConnection.ConnectAsync(server.EndPoint, new TlsChoice(Certificates.Fingerprint(other), false), Patience, CancellationToken.None));
        Assert.Equal(ClientExitCodes.Tls, wrong.ExitCode);

        // Without a fingerprint a self-signed certificate is refused: nobody vouches for it.
        await Assert.ThrowsAsync<UserError>(() =>
            ChatConnection.ConnectAsync(server.EndPoint, new TlsChoice(null, false), Patience, CancellationToken.None));
    }
}
