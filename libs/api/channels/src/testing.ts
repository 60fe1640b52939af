/** Test doubles for the channels (`@kefu/api/channels/testing`): never imported by production code. */
export { FakeWechatApi } from './wechat/testing/fake-wechat-api';
export { WechatTestClient, wechatXml } from './wechat/testing/wechat-test-client';
