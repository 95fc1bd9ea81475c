using Course.Cli;
using Dots;

// Chapter 02: the dots server, a thread per player and one relay thread, with line framing. Layout:
//   Framing/LineReader.cs     bytes to lines, whatever the receive sizes; a maximum line length
//   Framing/Messages.cs       the line protocol: join, myIDis, newPlayer, playerMoved, playerLeft, move, error
//   Server/Board.cs           the rules: spawn points, one step at a time, stay on the board
//   Server/PlayerTable.cs     positions shared by all threads, behind one small lock
//   Server/ClientSession.cs   one player's socket, a send lock, and the slow-client rule
//   Server/Relay.cs           the relay thread draining a bounded queue to every player
//   Server/PlayerThread.cs    one player's thread: wait for join, read lines, act, leave cleanly
//   Server/AddressLimit.cs    how many connections each address holds
//   Server/DotsServer.cs      the accept loop (listening through chapter 01's Listening), max clients,
//                             and shutdown that joins every thread
//   Server/ServerOptions.cs   what the server verb's options set
//   Client/DotsConnection.cs  the client's socket: connect, send a line, read lines
//   Client/BoardModel.cs      what the client believes: every dot, from the server's lines
//   Client/BoardView.cs       the board drawn in the terminal
//   Client/TerminalClient.cs  the terminal client: keys in, board out
//   Client/Bot.cs             a random walker on its own timer, for play and load
//   Demo.cs                   a server and three bots in one process, taking turns so every run prints the same
//   Bench/Bench.cs            relay latency at 2 to 200 players against a bare relay, threads and memory of the server
//     RelayProbe.cs             N connections timing each move's way back
//   The verbs, one file each: ServerCommand.cs, ClientCommand.cs, BotCommand.cs, DemoCommand.cs,
//   Bench/BenchCommand.cs
//   Timeline.cs               two moves crossing the threads, recorded for the figure on the chapter's page

return CourseApp.Run("chapters/02-threads", "Chapter 02: the dots server, a thread per player, with line framing", args,
    ServerCommand.Create(), ClientCommand.Create(), BotCommand.Create(), DemoCommand.Create(), BenchCommand.Create(), Course.Bench.FloorVerb.Create(), Timeline.Create());
