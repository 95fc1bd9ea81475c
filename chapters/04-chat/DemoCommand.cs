using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Course.Cli;

namespace Chat;

/// <summary>The <c>demo</c> verb: a server and three scripted clients, the whole protocol in one run.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var tls = new Option<bool>("--tls") { Description = "Speak TLS (server: with a fresh self-signed certificate unless --cert is given)" };

        return new Command("demo", "A server and three scripted clients: the whole protocol in one run") { tls }
            .WithAction(async (args, cancel) =>
            {
                bool secure = args.GetValue(tls);
                using X509Certificate2? certificate = secure ? Certificates.CreateSelfSigned() : null;
                TlsChoice? choice = certificate is null ? null : new TlsChoice(Certificates.Fingerprint(certificate), false);
                await Demo.RunAsync(Console.Out, choice, certificate, cancel);
                return ExitCodes.Success;
            });
    }
}
