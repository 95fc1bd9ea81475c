using System.Net;
using Course.Cli;
using Course.Testing;

namespace Chat.Tests;

/// <summary>Chat servers for tests, on a loopback port the operating system chose.</summary>
internal static class Servers
{
    public static ChatServerOptions Options() => new(new IPEndPoint(IPAddress.Loopback, 0));

    public static Task<LoopbackServer> Start(ChatServerOptions? options = null, Log? log = null) =>
        LoopbackServer.StartAsync((onListening, stop) =>
            new ChatServer(options ?? Options(), log ?? Log.Null).RunAsync(onListening, stop));
}
