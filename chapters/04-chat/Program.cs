using Course.Cli;
using Chat;

// Chapter 04: a broadcast chat on async sockets and channels. Layout:
//   Server/                   the server side
//     ChatServer.cs             the async accept loop (listening through chapter 01's Listening); TLS
//                               handshake; goodbye on Ctrl+C
//     ChatServerOptions.cs      what the server verb's options set
//     ChatSession.cs            one client: a reader task and a writer task joined by its outbox
//     Outbox.cs                 the bounded channel of lines waiting for one client
//     Room.cs                   nicknames, joins and leaves, and the broadcast that never waits
//     ChatCommands.cs           /nick /who /me /msg /quit /help
//     FloodGate.cs              flood control: a token bucket per client
//   Client/                   the client side
//     ChatConnection.cs         one connection to a server (plain or TLS)
//     ConnectionOptions.cs      the options of the verbs that connect, and the connection they make
//     ChatClient.cs             the console client: a receive loop and a typing loop at once
//     ScriptedClient.cs         a client driven by a program; Demo.cs and Bot.cs use it
//     Bot.cs                    a bot that chats now and then and answers private messages
//   Wire/                     what both sides agree on
//     LineReader.cs             lines out of a byte stream, with a length limit and strict UTF-8
//     Nickname.cs               what a nickname may look like
//   Tls/Certificates.cs       a self-signed certificate and its fingerprint
//   Demo.cs                   a server and three scripted clients in one process
//   Bench/Bench.cs            fan-out latency, memory per client, a slow reader, against thread-per-client and a bare relay
//     BenchClient.cs            thousands of light clients timing each line's arrival
//     Crowd.cs                  N bench clients on one server (ours, chapter 02's design, or the floor)
//     ThreadedChatServer.cs     chapter 02's design, thread per client, as the baseline
//   The verbs, one file each: ServerCommand.cs, ClientCommand.cs, BotCommand.cs, DemoCommand.cs,
//   Bench/BenchCommand.cs
//   Timeline.cs               a sleeper's outbox filling up, recorded for the figure on the chapter's page

return CourseApp.Run("chapters/04-chat", "Chapter 04: a broadcast chat on async sockets and channels", args,
    ServerCommand.Create(), ClientCommand.Create(), BotCommand.Create(), DemoCommand.Create(), BenchCommand.Create(), Course.Bench.FloorVerb.Create(), Timeline.Create());
