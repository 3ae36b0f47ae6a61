/** A person's accounts, each isolated: a handle with a bidi override cannot reorder the ones after it. */
export function Accounts({ accounts }: { accounts: { platform: string; handle: string }[] }) {
  return (
    <p className="accounts" dir="ltr">
      {accounts.map((a, i) => (
        <span key={`${a.platform}:${a.handle}`}>
          {i > 0 && '  '}
          <bdi>{`${a.platform}:@${a.handle}`}</bdi>
        </span>
      ))}
    </p>
  );
}
