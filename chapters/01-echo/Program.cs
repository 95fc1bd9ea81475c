using Course.Cli;
using Echo;

// Chapter 01: a blocking echo server and its client. Layout:
//   SocketIO.cs          SendAll and ReceiveExactly: the two loops a byte stream needs
//   EchoServer.cs        socket, bind, listen, accept, recv, send: one client at a time, with a timeout
//   EchoServerOptions.cs what the server verb's options set: address, backlog, chunk size, timeout
//   EchoClient.cs        connect with a timeout, send, read back exactly as many bytes
//   Demo.cs              server and client in one process
//   Listening/           the listener recipe, a library the later chapters' servers use:
//     QuickRestart.cs      SO_REUSEADDR alone, and why not .NET's ReuseAddress
//     Listener.cs          socket, SO_REUSEADDR, bind, listen: the recipe in one call
//     BindErrors.cs        one line for a port in use or an address that is not this machine's
//   Bench/               round trips and latency of the server as it ships, against a loopback floor
//     Bench.cs             the cases and the table (the floors live in shared/Course.Bench/Floors)
//     Target.cs            the bench's client: one connection, and the round trips timed on it
//   The verbs, one file each: ServerCommand.cs, ClientCommand.cs, DemoCommand.cs, Bench/BenchCommand.cs
//   Timeline.cs          one round trip, recorded for the figure on the chapter's page (TraceCommand.cs: the hidden trace verb)

return CourseApp.Run("chapters/01-echo", "Chapter 01: a blocking TCP echo server and client", args,
    ServerCommand.Create(), ClientCommand.Create(), DemoCommand.Create(), BenchCommand.Create(), Course.Bench.FloorVerb.Create(), TraceCommand.Create());
