/** The demo storefront's stylesheet: a plain shop look, nothing the widget depends on. */
export const DEMO_STYLES = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Hiragino Sans","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;color:#222;background:#fff}
a{color:#0b57d0}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.top{border-bottom:1px solid #e6e6e6}
.bar{max-width:1120px;margin:0 auto;padding:14px 20px;display:flex;align-items:center;gap:28px;flex-wrap:wrap}
.logo{font-weight:800;font-size:20px;color:#c2185b;text-decoration:none;letter-spacing:.3px}
.bar nav{display:flex;gap:18px;flex:1;flex-wrap:wrap}
.bar nav a{color:#333;text-decoration:none}
.bar nav a:hover{color:#c2185b}
.account{display:flex;gap:14px;align-items:center;font-size:13.5px;flex-wrap:wrap}
.login{position:relative}
.login summary{cursor:pointer;color:#0b57d0}
.login ul{position:absolute;right:0;z-index:5;list-style:none;margin:6px 0 0;padding:6px 0;background:#fff;border:1px solid #ddd;border-radius:8px;box-shadow:0 6px 18px rgba(0,0,0,.12);min-width:240px}
.login li a{display:block;padding:6px 14px;text-decoration:none;color:#222}
.login li a:hover{background:#f3f3f3}
.langs{display:flex;gap:8px}
.banner{margin:0;padding:8px 20px;background:#fff8e1;color:#5d4300;font-size:13.5px;text-align:center}
main{max-width:1120px;margin:0 auto;padding:18px 20px 40px}
.notice{background:#fdecea;color:#7f1d1d;padding:10px 14px;border-radius:8px}
.notice:empty{display:none}
.crumbs{font-size:13px;color:#666;margin-bottom:14px}
.crumbs a{color:#666}
.product{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:40px}
@media (max-width:800px){.product{grid-template-columns:1fr}}
.gallery{aspect-ratio:1/1;border-radius:14px;background:linear-gradient(135deg,#fce4ec,#e3f2fd 60%,#ede7f6);display:flex;flex-direction:column;align-items:center;justify-content:center;color:#7b1fa2}
.gallery .initial{font-size:140px;font-weight:800;line-height:1;opacity:.55}
.gallery .cat{margin-top:10px;text-transform:uppercase;letter-spacing:3px;font-size:13px;color:#555}
.brand{margin:0;color:#888;text-transform:uppercase;letter-spacing:1px;font-size:13px}
h1{margin:4px 0 8px;font-size:28px;line-height:1.25}
.price{margin:0 0 18px;font-size:26px;font-weight:700;color:#c62828}
fieldset{border:0;padding:0;margin:0 0 14px}
legend{font-weight:600;margin-bottom:6px;font-size:14px}
.chip{display:inline-block;margin:0 6px 6px 0}
.chip input{position:absolute;opacity:0}
.chip span{display:inline-block;min-width:44px;text-align:center;padding:6px 12px;border:1px solid #bbb;border-radius:8px;cursor:pointer}
.chip input:checked+span{border-color:#c2185b;box-shadow:inset 0 0 0 1px #c2185b;color:#c2185b;font-weight:600}
.chip input:focus-visible+span{outline:3px solid #0b57d0;outline-offset:2px}
.qty{display:block;margin:4px 0 16px;font-weight:600;font-size:14px}
.qty input{width:64px;margin-left:8px;padding:5px 8px;font:inherit}
.cart{background:#c2185b;color:#fff;border:0;border-radius:24px;padding:12px 38px;font:inherit;font-weight:700;font-size:16px;cursor:pointer}
.cart:hover{background:#ad1457}
.added{color:#1b5e20;background:#e8f5e9;padding:8px 12px;border-radius:8px}
.perks{margin:18px 0 0;padding-left:18px;color:#555;font-size:13.5px}
.details{margin-top:36px;border-top:1px solid #eee;padding-top:16px}
.details dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;font-size:14px}
.details dt{color:#777}
.details dd{margin:0}
.related{margin-top:36px}
.related ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:16px}
.related a{display:flex;flex-direction:column;gap:4px;text-decoration:none;color:#222}
.thumb{aspect-ratio:1/1;border-radius:10px;background:linear-gradient(135deg,#e3f2fd,#fce4ec);display:flex;align-items:center;justify-content:center;font-size:44px;font-weight:800;color:#7b1fa2;opacity:.8}
.rname{font-size:13.5px}
.rprice{color:#c62828;font-weight:700}
.embed{margin-top:40px;background:#f7f7f9;border:1px solid #e6e6ea;border-radius:12px;padding:4px 20px 14px}
.embed.missing{background:#fdecea;border-color:#f5c2c0}
.embed pre{background:#1e1e2e;color:#e6e6f0;padding:12px 14px;border-radius:8px;overflow:auto;font-size:12.5px}
.note{font-size:13px;color:#666}
footer{border-top:1px solid #eee;padding:18px 20px 90px;text-align:center;color:#777;font-size:13px}
`;
