// The seeds' example, unchanged in behaviour: Program.cs is its Loopwire twin.
const events = require('events');

const eventEmitter = new events.EventEmitter();

// 事件处理函数
const connectHandler = function connected() {
    console.log('连接成功~~~');
    // 触发 data_received 事件
    eventEmitter.emit('data_received');
};

// 绑定 connection 事件
eventEmitter.on('connection', connectHandler);

// 绑定 data_received 事件(匿名函数)
eventEmitter.on('data_received', function () {
    console.log('数据接收完毕。');
});

// 触发 connection 事件
eventEmitter.emit('connection');

console.log('程序执行完毕。');
