// Test helpers over the EA's message structs (VProp/Messages.mqh, VProp/Protocol.mqh): re-encoding whatever the
// decoder accepted, and typed views of what the EA sent. Include after the EA's headers.
#ifndef VPROP_TEST_MESSAGES_H
#define VPROP_TEST_MESSAGES_H
#include <string>
#include <vector>

// A decoded message of type M with its envelope: msg.status, msg.env.seq ...
template <typename M> struct Got : M {
    VPEnvelope env;
};

template <typename M> static bool reencode_as(CVPDecoder &dec, const VPEnvelope &env, string &out) {
    M m;
    if (!dec.Read(m)) return false;
    out = VPEncode(env, m);
    return true;
}

// The message the decoder accepted last, encoded again from its struct (the type picks the struct).
static bool reencode(CVPDecoder &dec, const VPEnvelope &env, string &out) {
    switch (env.type) {
    case VP_MSG_HELLO: return reencode_as<VPHelloMsg>(dec, env, out);
    case VP_MSG_WELCOME: return reencode_as<VPWelcomeMsg>(dec, env, out);
    case VP_MSG_TICK: return reencode_as<VPTickMsg>(dec, env, out);
    case VP_MSG_BAR: return reencode_as<VPBarMsg>(dec, env, out);
    case VP_MSG_BOOK: return reencode_as<VPBookMsg>(dec, env, out);
    case VP_MSG_ACCOUNT: return reencode_as<VPAccountMsg>(dec, env, out);
    case VP_MSG_SIGNAL: return reencode_as<VPSignalMsg>(dec, env, out);
    case VP_MSG_SIGNAL_ACK: return reencode_as<VPSignalAckMsg>(dec, env, out);
    case VP_MSG_FILL: return reencode_as<VPFillMsg>(dec, env, out);
    case VP_MSG_CONTROL: return reencode_as<VPControlMsg>(dec, env, out);
    case VP_MSG_CONTROL_ACK: return reencode_as<VPControlAckMsg>(dec, env, out);
    case VP_MSG_BALANCE: return reencode_as<VPBalanceMsg>(dec, env, out);
    case VP_MSG_ORDER: return reencode_as<VPOrderMsg>(dec, env, out);
    case VP_MSG_GOVERNOR_STATE: return reencode_as<VPGovernorStateMsg>(dec, env, out);
    case VP_MSG_NEWS: return reencode_as<VPNewsMsg>(dec, env, out);
    case VP_MSG_SYMBOL_UPDATE: return reencode_as<VPSymbolUpdateMsg>(dec, env, out);
    case VP_MSG_FIRM_STATE: return reencode_as<VPFirmStateMsg>(dec, env, out);
    case VP_MSG_ACK: return reencode_as<VPAckMsg>(dec, env, out);
    case VP_MSG_ERROR: return reencode_as<VPErrorMsg>(dec, env, out);
    case VP_MSG_HEARTBEAT: out = VPEncodeHeartbeat(env); return true;
    }
    return false;
}

// Decodes `json` as a message of type M (false when it is invalid or of another type).
template <typename M> static bool decode_as(const std::string &json, ENUM_VP_MSG_TYPE type, Got<M> &out) {
    CVPDecoder dec;
    VPError e;
    return dec.Decode(string(json), (int)json.size(), out.env, e) && out.env.type == type && dec.Read((M &)out);
}

static std::string wire(ENUM_VP_ERROR_CODE c) { return VPErrorCodeWire(c).s; }
static std::string wire(ENUM_VP_ACK_STATUS s) { return VPAckStatusWire(s).s; }
static std::string wire(ENUM_VP_GOV_MODE m) { return VPGovModeWire(m).s; }
#endif
