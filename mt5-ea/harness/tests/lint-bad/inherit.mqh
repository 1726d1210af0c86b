class A : public B, public C { };
