using Course.Cli;
using GameLoop;

// Chapter 05: a ticking game loop on an async web-socket server, and a multiplayer snake in the browser.
// Layout (the library in Snake/ is reused by chapter 06):
//   Snake/Game/          the rules: SnakeGame.Step plays one tick; Steering is how bots play
//   Snake/Loop/          TickLoop: PeriodicTimer + TimeProvider, start once, stop, surface failures
//   Snake/Rooms/         Room (a game, its players, its loop), RoomDirectory (join/leave), Outbox
//   Snake/Wire/          the JSON messages (docs/protocol/snake.md)
//   Snake/Chat/          the server's chat line, its flood gate, and IServerRelay (chapter 06 links servers)
//   Snake/Web/           SnakeServer (Kestrel: / and /connect), PlayerConnection, index.html
//   Snake/Bots/          SnakeBot: a ClientWebSocket player
//   ServerCommand.cs     the `server` verb     BotCommand.cs  the `bot` verb
//   Bench/               the `bench` verb: tick lateness seen by N bots, timer vs sleep-after-tick

return CourseApp.Run("chapters/05-game-loop", "Chapter 05: a ticking game loop, web sockets and a browser snake game", args,
    ServerCommand.Create(), BotCommand.Create(), BenchCommand.Create());
