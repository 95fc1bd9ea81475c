using System.Net;
using Course.Cli;
using Course.Testing;

namespace Echo.Tests;

/// <summary>Starts the chapter's echo server on a loopback port for one test.</summary>
internal static class Servers
{
    public static Task<LoopbackServer> StartEcho(Log log, IPAddress? address = null, int maxClients = 0, TimeSpan? timeout = null, bool quiet = false) =>
        LoopbackServer.StartAsync((onListening, stop) =>
        {
            var options = new EchoServerOptions(new IPEndPoint(address ?? IPAddress.Loopback, 0)) { MaxClients = maxClients, LogEachMessage = !quiet };
            if (timeout is { } limit) options = options with { Timeout = limit };
            new EchoServer(options, log).Run(onListening, stop);
            return Task.CompletedTask;
        });

    public static EchoClient Client(IPEndPoint server, Log log, double timeoutSeconds = 5) =>
        new(server, TimeSpan.FromSeconds(timeoutSeconds), log);
}
