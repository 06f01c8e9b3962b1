export { createRpcServer, RpcNatsServer, type RpcServerOptions } from './rpc-server.js';
export {
  RpcHandler,
  RPC_TOKEN_VERIFIER,
  requireRole,
  type RpcCallContext,
  type RpcHandlerOptions,
  type RpcMethod,
} from './rpc-handler.js';
export { RpcModule, type RpcModuleOptions } from './rpc-module.js';
export {
  RpcClient,
  RpcClientModule,
  type RpcCallOptions,
  type RpcClientOptions,
} from './rpc-client.js';
export { AUTHORIZATION_HEADER } from './nats-headers.js';
export { prefixedSubject, serviceOfSubject } from './subjects.js';
