// The seeds' Node example (main.js beside this file), ported: a handler of "connection" emits "data_received".
using System.Text;
using Loopwire.Samples.EventEmitter;

Console.OutputEncoding = Encoding.UTF8;

var connections = new ConnectionEvents();

// 绑定 connection 事件: the handler emits data_received, synchronously, as Node's does.
connections.On.Connection(() =>
{
    Console.WriteLine("连接成功~~~");
    connections.RaiseDataReceived();
});

// 绑定 data_received 事件
connections.On.DataReceived(() => Console.WriteLine("数据接收完毕。"));

// 触发 connection 事件
connections.RaiseConnection();

Console.WriteLine("程序执行完毕。");
